import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Property tests run hundreds of cases; on a busy 2-core machine one can pass 5 s.
    testTimeout: 30_000,
  },
});
