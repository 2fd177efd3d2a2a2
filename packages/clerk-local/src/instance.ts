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

/** A sign-in or sign-up not completed within this is abandoned (its `abandon_at`) and deleted. */
export const SIGN_ATTEMPT_LIFETIME_MS = 24 * 3600 * 1000;
/** Clerk's password settings (served in the environment's `password_settings`: min_length 8, max_length 72). */
export const PASSWORD_MIN_LENGTH = 8;
/** Clerk hashes with bcrypt, which reads at most 72 bytes: longer passwords are refused, not truncated. */
export const PASSWORD_MAX_BYTES = 72;
/**
 * User lockout, on by default as on Clerk: new instances lock a user for one hour after 10 failed sign-in
 * verifications (https://clerk.com/docs/guides/protect/user-lockout; the default was 100 before 2026-07-06).
 */
export const DEFAULT_LOCKOUT = { maxAttempts: 10, durationMs: 3600 * 1000 };
/**
 * Clerk caps a development instance's users (100 since 2026, clerk/clerk-docs#3121; 500 before). Past it, creating a
 * user answers 403 `user_quota_exceeded`, "You have reached your limit of 100 users. If you need more users, please
 * use a Production instance." (as Clerk's API answers it, quoted in public issue reports).
 */
export const DEFAULT_MAX_USERS = 100;
