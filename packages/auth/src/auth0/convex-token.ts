// Server-side: the Convex token for the signed-in Auth0 user. Convex verifies Auth0's *ID token* (iss = the tenant,
// aud = the Client ID: convex/auth.config.ts), as ConvexProviderWithAuth0 sends it; nextjs-auth0 keeps it in the
// session's token set.
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { decodeJwt } from "jose";

/** Refresh this long before the ID token expires, so a token handed out is still valid when Convex checks it. */
const EXPIRY_MARGIN_S = 60;

export function convexToken(session: SessionData | null): string | undefined {
  return session?.tokenSet.idToken;
}

/** True when the session's ID token is missing, unreadable or about to expire. */
export function idTokenExpiresSoon(session: SessionData, nowMs = Date.now()): boolean {
  const token = session.tokenSet.idToken;
  if (token === undefined) return true;
  try {
    const { exp } = decodeJwt(token);
    return exp === undefined || exp - EXPIRY_MARGIN_S <= nowMs / 1000;
  } catch {
    return true;
  }
}
