import { fileURLToPath } from "node:url";

import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Next resolves `server-only` to an empty module on the server; tests run server modules directly.
    alias: { "server-only": fileURLToPath(new URL("./test/server-only.ts", import.meta.url)) },
  },
  test: {
    environment: "./test/environment.ts",
    include: ["test/**/*.test.{ts,tsx}"],
    setupFiles: ["./test/setup.ts"],
    // Component tests start a local Convex backend and wait on real WebSocket round trips.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
