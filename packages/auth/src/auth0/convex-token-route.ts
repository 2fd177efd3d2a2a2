// GET /auth/convex-token, served by the middleware beside nextjs-auth0's own /auth/* routes: the browser's Convex
// client gets the session's ID token here (nextjs-auth0 keeps tokens server-side; its /auth/access-token route hands
// out the access token, which is not the token Convex verifies for Auth0). The token handed out is valid for at
// least a minute: one closer to expiry is refreshed first (refresh-token grant).
//
// Only then. Convex asks for a "fresh" token on every page load (fetchAccessToken({ forceRefreshToken: true })
// right after the cached one is accepted), and a refresh rotates the refresh token. A page navigation running at
// the same time carries the old session cookie, and nextjs-auth0's rolling session writes it back over the new
// one; the next refresh then reuses a spent refresh token, which Auth0 (and the local server) answer by revoking
// the whole grant. Refreshing only when due keeps that race to once per ID token lifetime (10 h by default).
import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";

import type { ConvexTokenBody } from "../convex-token-fetch";
import { auth0 } from "./client";
import { convexToken, idTokenExpiresSoon } from "./convex-token";
import { copyCookies, refreshSession } from "./session-refresh";

function reply(token: string | undefined, status = 200): NextResponse {
  const body: ConvexTokenBody = { token: token ?? null };
  // A token is per user: never cached by the browser or anything in between.
  return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export async function convexTokenResponse(request: NextRequest): Promise<NextResponse> {
  if (request.method !== "GET") {
    return NextResponse.json(
      { error: "method_not_allowed" },
      { status: 405, headers: { Allow: "GET" } },
    );
  }
  const session = await auth0.getSession(request);
  if (session === null) return reply(undefined, 401);
  if (!idTokenExpiresSoon(session)) return reply(convexToken(session));
  const carrier = NextResponse.next();
  const refreshed = await refreshSession(request, carrier);
  // The SDK skips the grant when its access token is still fresh and there is no refresh token: an expired ID
  // token would come back unchanged, and Convex would reject it.
  if (refreshed === null || idTokenExpiresSoon(refreshed)) return reply(undefined, 401);
  return copyCookies(carrier, reply(convexToken(refreshed)));
}
