export { clerkAppEnv, clerkDirectAppEnv } from "./app-env";
export type { ClerkSdkGeneration } from "./app-env";
export { ensureAssets } from "./assets";
export { isLoopbackUrl } from "./loopback";
export { PUBLISHABLE_KEY, SEEDED_PASSWORD, SEEDED_USERS, SESSION_ISSUER } from "./instance";
export type { ClerkLocal, ClerkLocalOptions } from "./server";
export { startClerkLocal } from "./server";
export type { LockoutPolicy } from "./store";
