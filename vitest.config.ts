import { defineConfig } from 'vitest/config';

// unit: pure logic and repositories beside their sources; integration: station + demo hub over real
// sockets and SQLite files; e2e: Debian's Chromium driven by playwright-core against the browser seat.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['native/**/*.test.ts', 'electron/**/*.test.ts', 'hub/**/*.test.ts', 'renderer/**/*.test.ts', 'field/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
