// The OIDC middleware both apps export from proxy.ts: the /auth/* routes (./routes.ts), signed-out visitors of the
// private pages sent to the provider's login page, and a due ID token refreshed before the page renders, so Server
// Components and getServerSideProps read a valid one (the refreshed cookie is passed on to them in the request).
import type { NextMiddleware, NextRequest } from "next/server";
import { NextResponse } from "next/server";

import type { AppEnv } from "../env";
import { loginPath } from "../login-path";
import { PROTECTED_PREFIXES } from "../protected-routes";
import { freshSession } from "./refresh";
import { authRoute, readSession, writeSession } from "./routes";
import type { OidcSession } from "./session";
import { sealSession, SESSION_COOKIE } from "./session";

/** The request as the page will see it: its session cookie replaced (or removed, for null). */
async function withSessionCookie(
  request: NextRequest,
  session: OidcSession | null,
): Promise<Headers> {
  const jar = new Map(request.cookies.getAll().map((cookie) => [cookie.name, cookie.value]));
  if (session === null) jar.delete(SESSION_COOKIE);
  else jar.set(SESSION_COOKIE, await sealSession(session));
  const headers = new Headers(request.headers);
  headers.set("cookie", [...jar].map(([name, value]) => `${name}=${value}`).join("; "));
  return headers;
}

// The env parameter keeps the signature the apps call for every provider; the OIDC settings are read from env.
export function authMiddleware(_env?: Partial<AppEnv>): NextMiddleware {
  return async (request: NextRequest) => {
    const { pathname, search } = request.nextUrl;
    if (pathname.startsWith("/auth/")) return authRoute(request);
    const isProtected = PROTECTED_PREFIXES.some((prefix) => pathname.startsWith(prefix));
    const toLogin = () =>
      NextResponse.redirect(new URL(loginPath(`${pathname}${search}`), request.url));
    const session = await readSession(request);
    if (session === null) return isProtected ? toLogin() : NextResponse.next();
    let fresh: OidcSession | null;
    try {
      fresh = await freshSession(session);
    } catch {
      // The provider is unreachable: render with what there is (an expired token reads as signed out).
      return NextResponse.next();
    }
    if (fresh === session) return NextResponse.next();
    const response =
      fresh === null && isProtected
        ? toLogin()
        : NextResponse.next({ request: { headers: await withSessionCookie(request, fresh) } });
    await writeSession(request, response, fresh);
    return response;
  };
}
