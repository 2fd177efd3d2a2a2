// happy-dom's DOM, but modules resolved the Node way ("ssr"): the in-process convex-local backend and `ws` need
// their Node builds (with the "client" environment Vite picks ws's browser stub and rewrites import.meta URLs).
import type { Environment } from "vitest/runtime";
import { builtinEnvironments } from "vitest/runtime";

export default {
  ...builtinEnvironments["happy-dom"],
  name: "happy-dom-node",
  viteEnvironment: "ssr",
} satisfies Environment;
