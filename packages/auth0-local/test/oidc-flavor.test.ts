// The "oidc" flavor: a plain OpenID provider for @repo/auth's AUTH_PROVIDER=oidc. A relying party finds every
// endpoint through discovery alone; none of Auth0's paths or id forms exist; the flow, refresh-token rotation and
// RP-initiated logout work as with any standards-compliant provider.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";

import { SEEDED_PASSWORD } from "@repo/local-server/seeded-users";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { Auth0Local } from "../src/index";
import { FLAVORS, startAuth0Local } from "../src/index";
import { REUSE_INTERVAL_MS } from "../src/refresh-grace";
import type { TokenResponse } from "./support";
import { Browser, makeDataDir, pkcePair, WEB, WEB_CALLBACK } from "./support";

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  end_session_endpoint: string;
  revocation_endpoint: string;
}

let dataDir: string;
let server: Auth0Local;
let discovery: Discovery;

beforeAll(async () => {
  dataDir = makeDataDir();
  server = await startAuth0Local({
    port: 0,
    dataDir,
    flavor: "oidc",
    idTokenTtl: 120,
    extraUsers: [
      {
        email: "carol@example.com",
        password: SEEDED_PASSWORD,
        firstName: "Carol",
        lastName: "Chen",
        idTokenTtl: 65,
      },
    ],
    clients: [WEB],
  });
  discovery = (await (
    await fetch(`${server.url}/.well-known/openid-configuration`)
  ).json()) as Discovery;
});
afterAll(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function token(body: Record<string, string>): Promise<Response> {
  // client_secret_basic: the flavor's (and OAuth's) default client authentication.
  const basic = Buffer.from(`${WEB.clientId}:${WEB.clientSecret}`).toString("base64");
  return fetch(discovery.token_endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${basic}`,
    },
    body: new URLSearchParams(body).toString(),
  });
}

/** Code + PKCE from the discovered authorization endpoint, through the login page. */
async function signIn(browser: Browser, email = "alice@example.com"): Promise<TokenResponse> {
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(8).toString("hex");
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: WEB.clientId,
    redirect_uri: WEB_CALLBACK,
    response_type: "code",
    scope: "openid profile email offline_access",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  const page = await browser.follow(authorize.toString(), server.url);
  expect(new URL(page.url).pathname).toMatch(/^\/interaction\/[\w-]+$/);
  const html = await page.response.text();
  expect(html).toContain(`action="${new URL(page.url).pathname}"`);
  expect(html).toContain("<title>Log in | oidc-local</title>");
  const posted = await browser.submitLogin(page.url, email, SEEDED_PASSWORD);
  const done = await browser.follow(
    new URL(posted.headers.get("location") ?? "", server.url).toString(),
    server.url,
  );
  const code = new URL(done.url).searchParams.get("code") ?? "";
  const response = await token({
    grant_type: "authorization_code",
    code,
    code_verifier: verifier,
    redirect_uri: WEB_CALLBACK,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as TokenResponse;
}

describe("the oidc flavor", () => {
  it("advertises oidc-provider's standard endpoints, none of Auth0's", () => {
    expect(discovery.issuer).toBe(server.issuer);
    const paths = Object.fromEntries(
      Object.entries(discovery)
        .filter(([key]) => key.endsWith("_endpoint") || key === "jwks_uri")
        .map(([key, value]) => [key, new URL(String(value)).pathname]),
    );
    expect(paths).toMatchObject({
      authorization_endpoint: FLAVORS.oidc.endpoints.authorization,
      token_endpoint: FLAVORS.oidc.endpoints.token,
      jwks_uri: FLAVORS.oidc.endpoints.jwks,
      end_session_endpoint: FLAVORS.oidc.endpoints.end_session,
    });
  });

  it.each(["/authorize", "/oauth/token", "/v2/logout", "/u/login/abc", "/.well-known/jwks.json"])(
    "has no Auth0 path %s",
    async (path) => {
      expect((await fetch(`${server.url}${path}`, { redirect: "manual" })).status).toBe(404);
    },
  );

  it("signs in with code + PKCE: a verifiable ID token with a plain subject and the set lifetime", async () => {
    const tokens = await signIn(new Browser());
    const { payload } = await jwtVerify(
      tokens.id_token,
      createRemoteJWKSet(new URL(discovery.jwks_uri)),
      { issuer: server.issuer, audience: WEB.clientId },
    );
    expect(payload.sub).toMatch(/^[0-9a-f]{24}$/);
    expect(payload.email).toBe("alice@example.com");
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(120);
    expect(tokens.refresh_token).toBeDefined();
  });

  it("seeds an extra user with an ID token lifetime of its own, everyone else keeping theirs", async () => {
    const carol = decodeJwt((await signIn(new Browser(), "carol@example.com")).id_token);
    expect(carol.name).toBe("Carol Chen");
    expect((carol.exp ?? 0) - (carol.iat ?? 0)).toBe(65);
    const alice = decodeJwt((await signIn(new Browser())).id_token);
    expect((alice.exp ?? 0) - (alice.iat ?? 0)).toBe(120);
  });

  it("rotates refresh tokens, replays a reuse within the interval, and refuses one after it", async () => {
    const first = await signIn(new Browser());
    const refresh = (refreshToken: string) =>
      token({ grant_type: "refresh_token", refresh_token: refreshToken });
    const refreshed = await refresh(first.refresh_token ?? "");
    expect(refreshed.status).toBe(200);
    const body = (await refreshed.json()) as TokenResponse;
    expect(body.refresh_token).not.toBe(first.refresh_token);
    expect(decodeJwt(body.id_token).sub).toBe(decodeJwt(first.id_token).sub);
    // Another app server racing with the same token: the same answer, the grant intact.
    const raced = await refresh(first.refresh_token ?? "");
    expect(raced.status).toBe(200);
    expect(((await raced.json()) as TokenResponse).refresh_token).toBe(body.refresh_token);
    // Past the reuse interval, reusing the spent token is refused and revokes the grant (the new token too).
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + REUSE_INTERVAL_MS + 1_000 });
    try {
      const reused = await refresh(first.refresh_token ?? "");
      expect(reused.status).toBe(400);
      expect(((await reused.json()) as { error: string }).error).toBe("invalid_grant");
      expect((await refresh(body.refresh_token ?? "")).status).toBe(400);
    } finally {
      vi.useRealTimers();
    }
  });

  it("replays nothing for another client's credentials", async () => {
    const first = await signIn(new Browser());
    expect(
      (await token({ grant_type: "refresh_token", refresh_token: first.refresh_token ?? "" }))
        .status,
    ).toBe(200);
    const stranger = await fetch(discovery.token_endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${WEB.clientId}:wrong`).toString("base64")}`,
      },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: first.refresh_token ?? "",
      }).toString(),
    });
    expect(stranger.status).toBe(401);
  });

  it("ends the session by RP-initiated logout and returns to an allowed URL", async () => {
    const browser = new Browser();
    const tokens = await signIn(browser);
    const logout = new URL(discovery.end_session_endpoint);
    logout.search = new URLSearchParams({
      id_token_hint: tokens.id_token,
      post_logout_redirect_uri: WEB.logoutUrls[0] ?? "",
    }).toString();
    const confirm = await browser.follow(logout.toString(), server.url);
    const done = await browser.submitPageForm(confirm, server.url);
    expect(done.url).toBe(new URL(WEB.logoutUrls[0] ?? "").toString());
  });
});
