import { defineConfig } from "vitest/config";

export default defineConfig({
  // tsconfig's `jsx: preserve` is for Next; tests that render a page need the JSX compiled.
  oxc: { jsx: { runtime: "automatic" } },
  test: { include: ["test/**/*.test.ts"] },
});
