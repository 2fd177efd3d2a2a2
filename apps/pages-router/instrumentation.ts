// Validates this app's env when the server starts, before it takes a request. `next dev`, `next build` and `next
// start` already do (next.config.ts imports ./env), but the container's standalone server.js (Dockerfile) never
// loads next.config.ts: without this, a missing secret would surface at the first signed-in request.
export async function register(): Promise<void> {
  await import("./env");
}
