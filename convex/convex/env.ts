// The Convex deployment's env vars the functions read (auth.config.ts reads its own): set with
// `npx convex env set <name> <value>`, or by the offline stack. Read per call, so a changed value applies at once.

// Convex's runtime provides `process.env` (deployment env vars) but not the rest of Node's `process`.
declare const process: { env: Record<string, string | undefined> };

const nonEmpty = (value: string | undefined) =>
  value === undefined || value.trim() === "" ? undefined : value.trim();

/** The Svix signing secret (`whsec_…`) of the Clerk webhook endpoint pointed at /clerk-users-webhook. */
export function clerkWebhookSecret(): string | undefined {
  return nonEmpty(process.env.CLERK_WEBHOOK_SIGNING_SECRET);
}

/**
 * The Clerk issuer Convex trusts (auth.config.ts), without a trailing slash: a Clerk user `user_x` signs in to
 * Convex as the identity `<issuer>|user_x`, which is how a webhook's user finds the same `users` row.
 */
export function clerkIssuer(): string | undefined {
  return nonEmpty(process.env.CLERK_JWT_ISSUER_DOMAIN)?.replace(/\/+$/, "");
}

/** Where and how `revalidation.notify` tells the apps that cached public data changed (both unset: it does not). */
export function revalidationEnv(): { secret: string | undefined; urls: string | undefined } {
  return {
    secret: process.env.REVALIDATE_SECRET,
    urls: process.env.REVALIDATE_URLS,
  };
}
