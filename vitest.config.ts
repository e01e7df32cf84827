import { defineConfig } from 'vitest/config';

// Real components (influxd, later SLURM and Chromium) start once per run in globalSetup; the 2-core machine runs files two at a time.
export default defineConfig({
  test: {
    include: [
      'test/**/*.test.ts',
      'functions/**/*.test.ts',
      'collectors-shim/**/*.test.ts',
      'wrangler-free-local/**/*.test.ts',
    ],
    globalSetup: ['test/setup/global.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    pool: 'forks',
  },
});
