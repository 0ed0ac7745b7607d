import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Two cores: more workers only make the OCR, database and browser tests fight for them.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The browser tests poll the page; a loaded machine (OCR beside Chromium) answers in seconds, not in the default one.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
