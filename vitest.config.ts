import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    // Migrates and seeds the template databases, once (see test/support/templates.ts).
    globalSetup: ['test/support/globalSetup.ts'],
    // Hang guards, not waits. Since tfidf-lr-16 the shipped matcher trains in about 6.5 s alone; tests that
    // train it once or twice (or retrain an app after feedback) took 6–14 s in CI and up to twice that with a
    // second suite beside them on 2 cores, where 20 s timed out.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests each own a SQLite file and a port; a 2-core machine wants few forks.
    pool: 'forks',
    maxWorkers: 2,
    // Each fork runs its files one after another in one module graph instead of importing src/
    // (Bolt, Prisma, the matcher, exceljs…) again for each of ~100 files: import time 62 s → 9 s.
    // Test files leave no state behind them: spies are restored and fake timers undone in
    // afterEach, every app and database a test opens is closed.
    isolate: false,
  },
});
