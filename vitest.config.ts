import { defineConfig } from 'vitest/config';

// Node tests with no DOM: unit tests beside the module they test (src/, scripts/, emulator/, bench/), and the
// service, demo and package tests under test/. Browser tests belong to web-test-runner.
export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'scripts/**/*.test.ts',
      'emulator/**/*.test.ts',
      'test/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    exclude: ['test/browser/**', '**/node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
