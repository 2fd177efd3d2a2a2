// What an app's instrumentation.ts runs when its server starts (`@repo/auth/server-start`). Its own module, not
// part of `@repo/auth/env`, whose browser variant (browser-env.ts) mirrors env.ts's exports.
/**
 * An app's instrumentation.ts `register()`: validates the env when the server starts (`load` imports the app's
 * env.ts), and ends the process if it is invalid. `next dev`, `next build` and `next start` already validate through
 * next.config.ts, but the container's standalone server.js (Dockerfile) never loads next.config.ts, and Next only logs
 * an error thrown in register() and serves on: a container with a missing secret stops at once, naming it, instead of
 * failing its first signed-in request.
 */
export async function exitOnInvalidEnv(load: () => Promise<unknown>): Promise<void> {
  try {
    await load();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
