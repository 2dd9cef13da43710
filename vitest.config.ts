import { defineConfig } from 'vitest/config'

/**
 * Tests of size (a million-line drift, a streamed load of 60,000 rows) keep a core busy for tens
 * of seconds: they run last, one at a time, so they neither slow the timing-sensitive tests
 * beside them nor are slowed by them.
 */
const heavy = ['test/traffic/drift-memory.test.ts', 'test/traffic/load-stream.test.ts']

export default defineConfig({
  test: {
    // Tests of the built command, bundle and schema need dist/: built here when it is stale.
    globalSetup: ['./test/helpers/build-once.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    pool: 'forks',
    // The machine has 2 cores; CLI and server tests spawn child processes of their own.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'standin',
          include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'dist/**', 'test/bench/**', ...heavy],
        },
      },
      {
        extends: true,
        test: {
          name: 'size',
          include: heavy,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
