// convexToken: which Clerk token the server hands Convex, mirroring ConvexProviderWithClerk.
import { describe, expect, it, vi } from "vitest";

import type { ClerkAuthLike } from "../src/clerk/convex-token";
import { convexToken } from "../src/clerk/convex-token";

function auth(sessionClaims: ClerkAuthLike["sessionClaims"], token: string | null) {
  const getToken = vi.fn((_options?: { template?: string }) => Promise.resolve(token));
  return { auth: { sessionClaims, getToken }, getToken };
}

describe("convexToken", () => {
  it('uses the session token as is when it was minted for Convex (aud "convex")', async () => {
    const { auth: a, getToken } = auth({ aud: "convex", sub: "user_1" }, "session-token");
    await expect(convexToken(a)).resolves.toBe("session-token");
    expect(getToken).toHaveBeenCalledTimes(1);
    expect(getToken.mock.calls[0]).toEqual([]);
  });

  it.each([
    ["another audience", { aud: "https://example.com" }],
    ["an audience list", { aud: ["convex"] }],
    ["no audience", { sub: "user_1" }],
    ["no claims", null],
    ["undefined claims", undefined],
  ])('asks for the "convex" JWT template with %s', async (_case, claims) => {
    const { auth: a, getToken } = auth(claims, "template-token");
    await expect(convexToken(a)).resolves.toBe("template-token");
    expect(getToken).toHaveBeenCalledTimes(1);
    expect(getToken).toHaveBeenCalledWith({ template: "convex" });
  });

  it("returns undefined when signed out (Clerk returns null)", async () => {
    await expect(convexToken(auth({ aud: "convex" }, null).auth)).resolves.toBeUndefined();
    await expect(convexToken(auth(null, null).auth)).resolves.toBeUndefined();
  });
});
