// Validates this app's env when the server starts, before it takes a request. `next dev`, `next build` and `next
// start` already do (next.config.ts imports ./env), but the container's standalone server.js (Dockerfile) never
// loads next.config.ts, and Next only logs an error thrown here and serves on: the process exits instead, so a
// container with a missing secret stops at once with the message rather than failing its first signed-in request.
export async function register(): Promise<void> {
  try {
    await import("./env");
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
