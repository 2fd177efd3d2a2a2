// The expectAuth race fix every provider needs (convex-client.ts explains expectAuth).
import type { ConvexReactClient } from "convex/react";
import { useEffect } from "react";

/**
 * expectAuth keeps the client paused until a token fetcher is set, and ConvexProviderWithAuth (which
 * ConvexProviderWithClerk wraps) only calls clearAuth() for signed-out visitors, which does not resume it: their
 * queries would load forever. A fetcher answering "no token" resumes it signed out. Call it from the component
 * that renders the Convex provider: a parent's effect runs after the provider's.
 */
export function useResumeSignedOut(
  client: ConvexReactClient,
  expectAuth: boolean,
  signedOut: boolean,
): void {
  useEffect(() => {
    if (expectAuth && signedOut) client.setAuth(() => Promise.resolve(null));
  }, [client, expectAuth, signedOut]);
}
