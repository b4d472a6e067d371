// End-to-end smoke tests of the built Firefox extension (tests/firefox), apart from the unit
// tests: they need `npm run build:firefox` first and a Firefox (see tests/firefox/harness.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/firefox/**/*.test.ts'],
    // One Firefox at a time: each takes a core while it starts, and the machine has two.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['verbose'],
  },
});
