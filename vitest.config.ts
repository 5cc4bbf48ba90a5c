import { defineConfig } from 'vitest/config';

// One test run for the whole repository; each package is a project so that its
// tests can be run alone with `npx vitest run --project core`.
export default defineConfig({
  test: {
    projects: [
      // Property tests run thousands of extractions: give them room on a busy 2-core machine.
      { test: { name: 'core', include: ['packages/core/test/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { name: 'cli', include: ['packages/cli/test/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          name: 'server',
          include: ['packages/server/test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'web',
          include: ['packages/web/test/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
