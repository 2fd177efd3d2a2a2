import { baseConfig, restrictEnvAccess } from "@repo/eslint-config/base";

export default [
  // Written by each e2e run (git-ignored): the HTML report bundles Playwright's own minified scripts.
  { ignores: ["playwright-report/**", "test-results/**"] },
  ...baseConfig,
  ...restrictEnvAccess,
];
