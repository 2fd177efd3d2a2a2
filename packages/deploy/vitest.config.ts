import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Some cases run the real CLIs (docker, where one answers).
    testTimeout: 60_000,
  },
});
