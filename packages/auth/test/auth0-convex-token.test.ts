// When the Auth0 session's ID token counts as expiring: refreshed 60 s early, and whenever it cannot be read.
import type { SessionData } from "@auth0/nextjs-auth0/types";
import { UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";

import { convexToken, idTokenExpiresSoon } from "../src/auth0/convex-token";

const NOW = 1_800_000_000_000;

function session(idToken: string | undefined): SessionData {
  return {
    user: { sub: "auth0|alice" },
    tokenSet: { accessToken: "at", idToken, expiresAt: NOW / 1000 + 3600 },
    internal: { sid: "sid", createdAt: NOW / 1000 },
  };
}

function idToken(exp: number | undefined): string {
  const jwt = new UnsecuredJWT({ sub: "auth0|alice" });
  if (exp !== undefined) jwt.setExpirationTime(exp);
  return jwt.encode();
}

describe("idTokenExpiresSoon", () => {
  it.each([
    ["valid for an hour", NOW / 1000 + 3600, false],
    ["valid for 61 s", NOW / 1000 + 61, false],
    ["valid for 60 s", NOW / 1000 + 60, true],
    ["expired", NOW / 1000 - 1, true],
  ])("an ID token %s: %s", (_case, exp, expected) => {
    expect(idTokenExpiresSoon(session(idToken(exp)), NOW)).toBe(expected);
  });

  it.each([
    ["missing", undefined],
    ["not a JWT", "opaque-token"],
    ["without exp", idToken(undefined)],
  ])("an ID token that is %s counts as expiring", (_case, token) => {
    expect(idTokenExpiresSoon(session(token), NOW)).toBe(true);
  });
});

describe("convexToken", () => {
  it("is the session's ID token, or undefined when signed out", () => {
    const token = idToken(NOW / 1000 + 3600);
    expect(convexToken(session(token))).toBe(token);
    expect(convexToken(null)).toBeUndefined();
  });
});
