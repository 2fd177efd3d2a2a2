import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // These tests start real servers and processes (the local stack, `next start`, turbo): seconds on an idle
    // machine, much longer while CI runs every package's tests at once.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
