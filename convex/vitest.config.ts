import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Convex functions run in a V8 isolate, not Node: edge-runtime is the closest match.
    environment: "edge-runtime",
    include: ["test/**/*.test.ts"],
    // The rate limiter ships its test registration as TypeScript (import.meta.glob over its sources): Vite compiles it.
    server: {
      deps: { inline: ["convex-test", "@convex-dev/rate-limiter", "@convex-dev/batch-worker"] },
    },
  },
});
