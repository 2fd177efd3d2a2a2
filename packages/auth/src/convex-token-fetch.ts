// The browser side of GET /auth/convex-token, which the Auth0 and OIDC middlewares serve: the session stays on the
// server (an encrypted cookie), and the Convex client gets the ID token from the app itself.
export const CONVEX_TOKEN_ROUTE = "/auth/convex-token";

export interface ConvexTokenBody {
  token: string | null;
}

export async function fetchConvexToken(): Promise<string | null> {
  const response = await fetch(CONVEX_TOKEN_ROUTE, {
    credentials: "same-origin",
    cache: "no-store",
  });
  // 401: no session (or it could not be refreshed); Convex then treats the client as signed out.
  if (!response.ok) return null;
  const body = (await response.json()) as ConvexTokenBody;
  return typeof body.token === "string" ? body.token : null;
}
