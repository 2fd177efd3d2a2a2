import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests that listen use ephemeral ports on 127.0.0.1 and temp dirs of their own, so files can run in parallel.
    unstubEnvs: true,
  },
});
