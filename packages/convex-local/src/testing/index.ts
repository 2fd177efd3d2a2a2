// Test helpers for packages that run code against this backend: a tiny OIDC issuer, and an in-process backend
// running the project's functions with real clients attached.
export type { Issuer } from "./issuer";
export { startIssuer } from "./issuer";
export type { TestBackend } from "./backend";
export { startBackend, uniqueName } from "./backend";
