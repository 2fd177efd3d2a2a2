// Who this emulated Clerk instance claims to be. The publishable key encodes a Clerk-looking dev host: clerk-js only
// runs its development-instance flow (dev browser, `__clerk_db_jwt`) for such hosts, and the server SDKs require one.
export const FRONTEND_API_HOST = "offline-emulator-00.clerk.accounts.dev";
export const PUBLISHABLE_KEY = `pk_test_${Buffer.from(`${FRONTEND_API_HOST}$`).toString("base64")}`;
/** The `iss` of session tokens: the SDK ignores a `__session` cookie whose issuer is not the key's Frontend API. */
export const SESSION_ISSUER = `https://${FRONTEND_API_HOST}`;
/** The JWT template Convex's Clerk integration asks for. */
export const CONVEX_TEMPLATE = "convex";
export const SESSION_TOKEN_SECONDS = 60;
export const SESSION_LIFETIME_MS = 7 * 24 * 3600 * 1000;

export const SEEDED_PASSWORD = "offline-demo-password";
export const SEEDED_USERS = [
  { email: "alice@example.com", password: SEEDED_PASSWORD, firstName: "Alice", lastName: "Anders" },
  { email: "bob@example.com", password: SEEDED_PASSWORD, firstName: "Bob", lastName: "Brandt" },
] as const;
