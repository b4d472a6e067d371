import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { WxtVitest } from 'wxt/testing';

export default defineConfig({
  // WxtVitest gives code that uses `browser` (the settings store) WXT's in-memory fake browser.
  plugins: [WxtVitest(), preact()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
  },
});
