import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // End-to-end tests start the built binary; give a loaded CI machine room without hiding hangs.
    testTimeout: 20_000,
  },
});
