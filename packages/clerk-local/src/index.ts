export { clerkAppEnv, clerkDirectAppEnv } from "./app-env";
export type { ClerkSdkGeneration } from "./app-env";
export { ensureAssets } from "./assets";
export { PUBLISHABLE_KEY, SESSION_ISSUER } from "./instance";
export type { ClerkLocal, ClerkLocalOptions } from "./server";
export { startClerkLocal } from "./server";
export type { LockoutPolicy } from "./store";
