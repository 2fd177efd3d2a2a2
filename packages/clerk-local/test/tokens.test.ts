// Tokens the server issues, checked by the real @clerk/backend verifier: session tokens and "convex" template
// tokens verify networklessly (jwtKey) and through the Backend API's JWKS; forged, tampered and expired ones do not.
import { verifyToken } from "@clerk/backend";
import { SEEDED_USERS } from "@repo/local-server/seeded-users";
import { generateKeyPair, SignJWT } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { SESSION_ISSUER } from "../src/index";
import type { TestServer } from "./support";
import { ALICE, decodeHeader, decodePayload, FapiBrowser, startTestServer } from "./support";

let server: TestServer;
let browser: FapiBrowser;
let sessionId: string;
let userId: string;

beforeAll(async () => {
  server = await startTestServer({ convexIntegration: "template" });
  browser = await FapiBrowser.open(server.clerk.url);
  ({ sessionId, userId } = await browser.signIn(ALICE.email, ALICE.password));
});
afterAll(() => server.stop());
afterEach(() => {
  vi.useRealTimers();
});

async function sessionJwt(): Promise<string> {
  const { status, body } = await browser.token(sessionId);
  expect(status).toBe(200);
  return body.jwt;
}

async function convexJwt(): Promise<string> {
  const { status, body } = await browser.token(sessionId, "convex");
  expect(status).toBe(200);
  return body.jwt;
}

/** Re-signs `claims` (and the real token's header) with a key the server never published. */
async function signWithStrangerKey(jwt: string, claims = decodePayload(jwt)): Promise<string> {
  const stranger = await generateKeyPair("RS256");
  const header = decodeHeader(jwt);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: String(header.kid), typ: "JWT" })
    .sign(stranger.privateKey);
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("session tokens", () => {
  it("verify networklessly with the instance's public key and carry the session's claims", async () => {
    const jwt = await sessionJwt();
    const payload = await verifyToken(jwt, { jwtKey: server.jwtKey });
    expect(payload).toMatchObject({ iss: SESSION_ISSUER, sub: userId, sid: sessionId });
    // Clerk's session tokens are short-lived: one minute.
    expect(payload.exp - payload.iat).toBe(60);
  });

  it("verify with the JWKS the SDK fetches from the Backend API (secretKey + apiUrl)", async () => {
    const jwt = await sessionJwt();
    const payload = await verifyToken(jwt, {
      secretKey: server.clerk.secretKey,
      apiUrl: server.clerk.url,
      skipJwksCache: true,
    });
    expect(payload.sub).toBe(userId);
  });

  it("verify with the authorized parties check when the origin is the app's", async () => {
    // clerk-js calls from the app's origin; the token's azp names it, and the SDK may pin it.
    const origin = "http://127.0.0.1:3000";
    const response = await fetch(browser.url(`/v1/client/sessions/${sessionId}/tokens`), {
      method: "POST",
      headers: { origin },
    });
    const { jwt } = (await response.json()) as { jwt: string };
    await expect(
      verifyToken(jwt, { jwtKey: server.jwtKey, authorizedParties: [origin] }),
    ).resolves.toMatchObject({ azp: origin });
    await expect(
      verifyToken(jwt, { jwtKey: server.jwtKey, authorizedParties: ["http://evil.example"] }),
    ).rejects.toMatchObject({ reason: "token-invalid-authorized-parties" });
  });
});

describe("the convex template token", () => {
  it("has aud convex, the OIDC issuer and the claims Clerk's Convex template issues", async () => {
    const jwt = await convexJwt();
    const payload = await verifyToken(jwt, {
      jwtKey: server.jwtKey,
      audience: "convex",
      issuer: server.clerk.issuer,
    });
    const alice = SEEDED_USERS[0];
    expect(payload).toMatchObject({
      iss: server.clerk.issuer,
      aud: "convex",
      sub: userId,
      sid: sessionId,
      name: `${alice.firstName} ${alice.lastName}`,
      given_name: alice.firstName,
      family_name: alice.lastName,
      email: alice.email,
      email_verified: true,
    });
    expect(payload.updated_at).toEqual(expect.any(Number));
  });

  it("is issued by the URL whose OIDC discovery and JWKS Convex will read", async () => {
    const jwt = await convexJwt();
    const discovery = (await (
      await fetch(`${server.clerk.issuer}/.well-known/openid-configuration`)
    ).json()) as { issuer: string; jwks_uri: string };
    expect(discovery.issuer).toBe(decodePayload(jwt).iss);
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((key) => key.kid)).toContain(decodeHeader(jwt).kid);
  });

  it("verifies through the Backend API's JWKS too", async () => {
    const jwt = await convexJwt();
    const payload = await verifyToken(jwt, {
      secretKey: server.clerk.secretKey,
      apiUrl: server.clerk.url,
      audience: "convex",
      skipJwksCache: true,
    });
    expect(payload.sub).toBe(userId);
  });

  it("is refused for another audience or issuer", async () => {
    const jwt = await convexJwt();
    await expect(
      verifyToken(jwt, { jwtKey: server.jwtKey, audience: "not-convex" }),
    ).rejects.toMatchObject({ reason: "token-verification-failed" });
    await expect(
      verifyToken(jwt, { jwtKey: server.jwtKey, issuer: "https://elsewhere.example" }),
    ).rejects.toMatchObject({ reason: "token-invalid-issuer" });
  });
});

describe("forged and stale tokens are rejected by @clerk/backend", () => {
  it("rejects a token whose payload was changed after signing", async () => {
    const jwt = await sessionJwt();
    const [header, , signature] = jwt.split(".");
    const bob = await (
      await FapiBrowser.open(server.clerk.url)
    ).signIn(SEEDED_USERS[1].email, SEEDED_USERS[1].password);
    const claims = { ...decodePayload(jwt), sub: bob.userId, sid: bob.sessionId };
    const tampered = `${header}.${base64url(claims)}.${signature}`;
    await expect(verifyToken(tampered, { jwtKey: server.jwtKey })).rejects.toMatchObject({
      reason: "token-invalid-signature",
    });
  });

  it("rejects a token signed by another key, networkless and via JWKS", async () => {
    for (const jwt of [await sessionJwt(), await convexJwt()]) {
      const forged = await signWithStrangerKey(jwt);
      await expect(verifyToken(forged, { jwtKey: server.jwtKey })).rejects.toMatchObject({
        reason: "token-invalid-signature",
      });
      await expect(
        verifyToken(forged, {
          secretKey: server.clerk.secretKey,
          apiUrl: server.clerk.url,
          skipJwksCache: true,
        }),
      ).rejects.toMatchObject({ reason: "token-invalid-signature" });
    }
  });

  it('rejects alg "none" and an HS256 token keyed with the public key', async () => {
    const jwt = await sessionJwt();
    const claims = decodePayload(jwt);
    const { kid } = decodeHeader(jwt);
    const unsigned = `${base64url({ alg: "none", typ: "JWT", kid })}.${base64url(claims)}.`;
    await expect(verifyToken(unsigned, { jwtKey: server.jwtKey })).rejects.toMatchObject({
      reason: "token-invalid-algorithm",
    });
    // The classic algorithm-confusion attack: HMAC with the (public) PEM as the secret.
    const confused = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: String(kid) })
      .sign(new TextEncoder().encode(server.jwtKey));
    await expect(verifyToken(confused, { jwtKey: server.jwtKey })).rejects.toMatchObject({
      reason: "token-invalid-algorithm",
    });
  });

  it("rejects a real token once its one-minute lifetime (plus the SDK's 5 s skew) is over", async () => {
    const jwt = await sessionJwt();
    const template = await convexJwt();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 30_000 });
    // Still valid half-way through: the rejection below is about expiry, not anything else.
    await expect(verifyToken(jwt, { jwtKey: server.jwtKey })).resolves.toMatchObject({
      sid: sessionId,
    });
    vi.setSystemTime(Date.now() + 40_000);
    await expect(verifyToken(jwt, { jwtKey: server.jwtKey })).rejects.toMatchObject({
      reason: "token-expired",
    });
    await expect(
      verifyToken(template, { jwtKey: server.jwtKey, audience: "convex" }),
    ).rejects.toMatchObject({ reason: "token-expired" });
  });
});
