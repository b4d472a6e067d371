import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  // One Chromium per test keeps settings and tabs isolated; two cores, so two workers.
  workers: process.env.CI ? 2 : undefined,
  fullyParallel: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  // Screenshots for people live beside it in test-results/screenshots, which a run does not wipe.
  outputDir: 'test-results/runs',
});
