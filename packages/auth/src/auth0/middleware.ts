// The Auth0 middleware both apps export from proxy.ts: nextjs-auth0's routes (/auth/login, /auth/callback,
// /auth/logout, /auth/profile) and rolling session, the Convex token route, signed-out visitors of the private
// pages sent to Auth0's login page, and an expiring ID token refreshed before a Server Component reads it.
import type { NextMiddleware, NextRequest } from "next/server";
import { NextResponse } from "next/server";

import { CONVEX_TOKEN_ROUTE } from "../convex-token-fetch";
import type { AppEnv } from "../env";
import { loginPath } from "../login-path";
import { PROTECTED_PREFIXES } from "../protected-routes";
import { auth0 } from "./client";
import { idTokenExpiresSoon } from "./convex-token";
import { convexTokenResponse } from "./convex-token-route";
import { refreshSession } from "./session-refresh";

// The env parameter keeps the signature the apps call for every provider; Auth0's SDK reads its own env.
export function authMiddleware(_env?: Partial<AppEnv>): NextMiddleware {
  return async (request: NextRequest) => {
    const { pathname, search } = request.nextUrl;
    if (pathname === CONVEX_TOKEN_ROUTE) return convexTokenResponse(request);
    const response = await auth0.middleware(request);
    if (pathname.startsWith("/auth/")) return response;
    const session = await auth0.getSession(request);
    if (session === null) {
      if (PROTECTED_PREFIXES.some((prefix) => pathname.startsWith(prefix))) {
        return NextResponse.redirect(new URL(loginPath(`${pathname}${search}`), request.url));
      }
      return response;
    }
    // nextjs-auth0: call getAccessToken(req, res) in the middleware so a Server Component sees refreshed tokens
    // (client.d.ts, getAccessToken's note).
    if (idTokenExpiresSoon(session)) await refreshSession(request, response);
    return response;
  };
}
