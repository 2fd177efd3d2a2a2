// The deployment env the functions read (`npx convex env set <name> <value>`; offline, the local stack sets them),
// in one module. Read from process.env rather than typed `env`, as auth.config.ts does: typed env needs
// convex.config.ts, a beta components API.

// Convex's runtime provides `process.env` (deployment env vars) but not the rest of Node's `process`.
declare const process: { env: Record<string, string | undefined> };

/** Where and how `revalidation.notify` tells the apps that cached public data changed (both unset: it does not). */
export function revalidationEnv(): { secret: string | undefined; urls: string | undefined } {
  return {
    secret: process.env.REVALIDATE_SECRET,
    urls: process.env.REVALIDATE_URLS,
  };
}
