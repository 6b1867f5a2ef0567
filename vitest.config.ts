import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // e2e/*.spec.ts run in a real browser through `npm run test:e2e`, not here.
    include: ['src-main/**/*.test.ts', 'src-shared/**/*.test.ts', 'src-renderer/**/*.test.ts', 'src-renderer/**/*.test.tsx', 'bench/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
