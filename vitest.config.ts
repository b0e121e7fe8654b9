import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    // Migrates and seeds the template databases, once (see test/support/templates.ts).
    globalSetup: ['test/support/globalSetup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration tests each own a SQLite file and a port; a 2-core machine wants few forks.
    pool: 'forks',
    maxWorkers: 2,
  },
});
