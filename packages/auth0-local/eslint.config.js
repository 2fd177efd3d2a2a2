import { baseConfig, restrictEnvAccess } from "@repo/eslint-config/base";

export default [
  ...baseConfig,
  ...restrictEnvAccess,
  {
    // The fixture's process.env is the Convex deployment's env (set by the test), not the shell env turbo hashes.
    files: ["test/fixtures/convex/**"],
    rules: { "turbo/no-undeclared-env-vars": "off" },
  },
];
