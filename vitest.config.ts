import { defineConfig } from 'vitest/config';

// Unit and service tests run in Node with no DOM; browser tests belong to web-test-runner.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
