// When the browser's hook and the server consider an ID token due (a minute before it expires), read without
// verifying: the browser only times its next request with it.
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";

import { jwtExpiry, msUntilDue } from "../src/oidc/expiry";
import { idTokenExpiresSoon } from "../src/oidc/tokens";

const key = new TextEncoder().encode("x".repeat(32));
const tokenExpiringAt = (exp: number) =>
  new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setExpirationTime(exp).sign(key);

describe("ID token expiry", () => {
  it("reads exp, and is due a minute before it, in the browser's hook and on the server alike", async () => {
    const now = 1_800_000_000_000;
    const token = await tokenExpiringAt(now / 1000 + 65);
    expect(jwtExpiry(token)).toBe(now / 1000 + 65);
    expect(msUntilDue(token, now)).toBe(5_000);
    expect(idTokenExpiresSoon(token, now)).toBe(false);
    expect(msUntilDue(token, now + 5_000)).toBe(0);
    expect(idTokenExpiresSoon(token, now + 5_000)).toBe(true);
  });

  it.each(["", "x", "a.b.c", "a.eyJleHAiOiJzb29uIn0.c"])(
    "treats the unreadable %j as due now",
    (token) => {
      expect(jwtExpiry(token)).toBeUndefined();
      expect(msUntilDue(token)).toBe(0);
      expect(idTokenExpiresSoon(token)).toBe(true);
    },
  );
});
