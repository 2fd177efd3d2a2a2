// Server-side: the Convex token for the signed-in Clerk user, from App Router `await auth()` or Pages Router
// `getAuth(req)`. Mirrors ConvexProviderWithClerk: a session token already minted for Convex (aud "convex") is
// used as is; otherwise the "convex" JWT template is requested.
export interface ClerkAuthLike {
  sessionClaims?: object | null;
  getToken: (options?: { template?: string }) => Promise<string | null>;
}

export async function convexToken(auth: ClerkAuthLike): Promise<string | undefined> {
  const audience = (auth.sessionClaims as { aud?: unknown } | null | undefined)?.aud;
  const token =
    audience === "convex" ? await auth.getToken() : await auth.getToken({ template: "convex" });
  return token ?? undefined;
}
