// The authorization-code + PKCE flow over HTTP as a browser and a web app perform it, with the ID token verified by
// jose against the server's JWKS the way Convex and the Auth0 SDKs verify it.
import { createRemoteJWKSet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";

import {
  ALICE,
  API_AUDIENCE,
  Browser,
  exchangeCode,
  logIn,
  serverForThisFile,
  WEB,
  WEB_CALLBACK,
} from "./support";

const t = serverForThisFile();

describe("discovery and keys", () => {
  it("serves Auth0's endpoint paths under an issuer ending in /", async () => {
    const response = await fetch(`${t.server.url}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const config = (await response.json()) as Record<string, unknown>;
    expect(config).toMatchObject({
      issuer: `${t.server.url}/`,
      authorization_endpoint: `${t.server.url}/authorize`,
      token_endpoint: `${t.server.url}/oauth/token`,
      userinfo_endpoint: `${t.server.url}/userinfo`,
      jwks_uri: `${t.server.url}/.well-known/jwks.json`,
      end_session_endpoint: `${t.server.url}/oidc/logout`,
      id_token_signing_alg_values_supported: ["RS256"],
    });
    expect(config.code_challenge_methods_supported).toContain("S256");
  });

  it("publishes one RS256 signing key", async () => {
    const { keys } = (await (await fetch(`${t.server.url}/.well-known/jwks.json`)).json()) as {
      keys: Record<string, string>[];
    };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(keys[0]).not.toHaveProperty("d");
  });
});

describe("authorization code + PKCE", () => {
  it("logs Alice in and issues an ID token Auth0-shaped for Convex (iss, aud = client id, auth0| sub)", async () => {
    const browser = new Browser();
    const { code, verifier } = await logIn(browser, t.server.url, ALICE);
    const tokens = await exchangeCode(t.server.url, code, verifier);
    expect(tokens.token_type).toBe("Bearer");
    expect(typeof tokens.refresh_token).toBe("string");
    const jwks = createRemoteJWKSet(new URL(`${t.server.url}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token, jwks, {
      issuer: t.server.issuer,
      audience: WEB.clientId,
    });
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload.sub).toMatch(/^auth0\|[0-9a-f]{24}$/);
    expect(payload).toMatchObject({
      name: "Alice Anders",
      email: ALICE.email,
      email_verified: true,
    });
    expect(String(payload.picture)).toMatch(/^https:\/\/s\.gravatar\.com\/avatar\//);
  });

  it("issues a JWT access token for an audience", async () => {
    const browser = new Browser();
    const { code, verifier } = await logIn(browser, t.server.url, ALICE, {
      extra: { audience: API_AUDIENCE },
    });
    const tokens = await exchangeCode(t.server.url, code, verifier);
    const jwks = createRemoteJWKSet(new URL(`${t.server.url}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(tokens.access_token, jwks, {
      issuer: t.server.issuer,
      audience: API_AUDIENCE,
    });
    expect(payload.sub).toMatch(/^auth0\|/);
    expect(payload.azp).toBe(WEB.clientId);
  });

  it("rejects a code exchanged with the wrong PKCE verifier", async () => {
    const browser = new Browser();
    const { code } = await logIn(browser, t.server.url, ALICE);
    const response = await fetch(`${t.server.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        code_verifier: "x".repeat(43),
        redirect_uri: WEB_CALLBACK,
        client_id: WEB.clientId,
        client_secret: WEB.clientSecret,
      }).toString(),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_grant" });
  });
});
