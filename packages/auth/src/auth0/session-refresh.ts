// Refreshing the session's tokens through nextjs-auth0 (refresh-token grant), and reading the refreshed session.
// getAccessToken(req, res, { refresh: true }) writes the new session onto `res` as cookies and returns only the
// access token; the ID token Convex needs is read back from those cookies.
import type { SessionData } from "@auth0/nextjs-auth0/types";
import type { NextResponse } from "next/server";
import { NextRequest } from "next/server";

import { auth0 } from "./client";

/** Refreshes `request`'s session into `response`'s cookies; returns the refreshed session, or null on failure. */
export async function refreshSession(
  request: NextRequest,
  response: NextResponse,
): Promise<SessionData | null> {
  try {
    await auth0.getAccessToken(request, response, { refresh: true });
  } catch {
    // No refresh token, or the provider refused it (revoked, expired): the caller treats the user as signed out.
    return null;
  }
  return auth0.getSession(withResponseCookies(request, response));
}

/** `request` as the next request will look: its cookies updated with what `response` sets or deletes. */
function withResponseCookies(request: NextRequest, response: NextResponse): NextRequest {
  const jar = new Map(request.cookies.getAll().map((cookie) => [cookie.name, cookie.value]));
  for (const cookie of response.cookies.getAll()) {
    // The SDK deletes stale session chunks by setting them empty with maxAge 0.
    if (cookie.value === "" || cookie.maxAge === 0) jar.delete(cookie.name);
    else jar.set(cookie.name, cookie.value);
  }
  const headers = new Headers(request.headers);
  headers.set(
    "cookie",
    [...jar].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; "),
  );
  return new NextRequest(request.url, { headers });
}

/** Copies the cookies `from` sets onto `to` (the response actually sent). */
export function copyCookies(from: NextResponse, to: NextResponse): NextResponse {
  for (const cookie of from.cookies.getAll()) to.cookies.set(cookie);
  return to;
}
