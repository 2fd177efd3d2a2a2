// For test processes (`@repo/clerk-local/testing`): Backend API calls that an SDK hard-wires to Clerk's production
// API go to a local server instead. `@clerk/testing`'s `clerk.signIn({ emailAddress })` is one: it builds its
// Backend API client without `apiUrl`, so neither CLERK_API_URL nor any option reaches it
// (@clerk/testing 2.2.36 dist/playwright/index.mjs: `createClerkClient({ secretKey })`).
// It works at the HTTP layer (node's fetch consults undici's global dispatcher on every call), so it reaches SDK
// code that captured `fetch` when it was loaded.
import type { Dispatcher } from "undici";
import { Agent, getGlobalDispatcher, setGlobalDispatcher } from "undici";

const CLERK_API_ORIGIN = "https://api.clerk.com";

class ClerkApiToLocal extends Agent {
  constructor(private readonly target: string) {
    super();
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandlers) {
    const origin = options.origin === undefined ? "" : new URL(String(options.origin)).origin;
    return super.dispatch(
      origin === CLERK_API_ORIGIN ? { ...options, origin: this.target } : options,
      handler,
    );
  }
}

/**
 * Sends this process's `https://api.clerk.com` requests to `url` (a clerk-local server). Returns a function that
 * restores the previous dispatcher.
 */
export function routeClerkApiTo(url: string): () => void {
  const previous = getGlobalDispatcher();
  setGlobalDispatcher(new ClerkApiToLocal(new URL(url).origin));
  return () => setGlobalDispatcher(previous);
}
