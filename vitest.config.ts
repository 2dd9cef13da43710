import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**', 'test/bench/**'],
    // Tests of the built command, bundle and schema need dist/: built here when it is stale.
    globalSetup: ['./test/helpers/build-once.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    pool: 'forks',
    // The machine has 2 cores; CLI and server tests spawn child processes of their own.
    maxWorkers: 2,
  },
})
