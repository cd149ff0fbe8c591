import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'main/**/*.test.ts', 'renderer/**/*.test.ts', 'preload/**/*.test.ts'],
    environment: 'node',
    testTimeout: 15000,
    pool: 'forks',
  },
});
