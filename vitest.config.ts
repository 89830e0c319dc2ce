import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest 4 runs availableParallelism() − 1 workers by default: one on a 2-core machine. The tests
    // mostly wait on loopback servers and child processes, so one worker per core keeps both cores busy.
    // (Vitest 4 has no minWorkers; maxWorkers takes a number or a share of the cores.)
    maxWorkers: '100%',
    // Each worker imports a module once for all the files it runs, instead of once per file: importing
    // the engine again for each of ~140 files was most of the suite's time. Tests share no module state
    // (none mocks a module); a file that stubs an environment variable restores it itself.
    isolate: false,
  },
});
