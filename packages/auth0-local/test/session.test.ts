// What the Auth0 SDKs rely on after the first login: refresh tokens (rotated), silent authentication with
// prompt=none, /userinfo, and logout through /v2/logout and /oidc/logout.
import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import type { TokenResponse } from "./support";
import {
  ALICE,
  authorizeUrl,
  Browser,
  exchangeCode,
  logIn,
  pkcePair,
  serverForThisFile,
  tokenRequest,
  WEB,
  WEB_CALLBACK,
} from "./support";

const t = serverForThisFile();

const refresh = (refreshToken: string) =>
  tokenRequest(t.server.url, {
    grant_type: "refresh_token",
    refresh_token: refreshToken,
    client_id: WEB.clientId,
    client_secret: WEB.clientSecret,
  });

/** A prompt=none authorization request: where the server sends the browser (the callback, with code or error). */
async function silentAuth(browser: Browser): Promise<URL> {
  const { challenge } = pkcePair();
  const state = randomBytes(8).toString("hex");
  const url = authorizeUrl(t.server.url, {
    challenge,
    state,
    scope: "openid profile email",
    extra: { prompt: "none" },
  });
  const { url: landed } = await browser.follow(url, t.server.url);
  const callback = new URL(landed);
  expect(callback.origin + callback.pathname).toBe(WEB_CALLBACK);
  expect(callback.searchParams.get("state")).toBe(state);
  return callback;
}

async function loggedIn(): Promise<{ browser: Browser; tokens: TokenResponse }> {
  const browser = new Browser();
  const { code, verifier } = await logIn(browser, t.server.url, ALICE);
  return { browser, tokens: await exchangeCode(t.server.url, code, verifier) };
}

describe("refresh tokens", () => {
  it("issues new tokens for the same user and rotates the refresh token", async () => {
    const { tokens } = await loggedIn();
    const first = tokens.refresh_token ?? "";
    const response = await refresh(first);
    expect(response.status).toBe(200);
    const next = (await response.json()) as TokenResponse;
    expect(next.refresh_token).toEqual(expect.any(String) as unknown);
    expect(next.refresh_token).not.toBe(first);
    const sub = (token: string) =>
      (
        JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()) as {
          sub: string;
        }
      ).sub;
    expect(sub(next.id_token)).toBe(sub(tokens.id_token));

    // The used refresh token is spent: Auth0 answers a reuse with invalid_grant.
    const reused = await refresh(first);
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({
      error: "invalid_grant",
      error_description: expect.any(String) as unknown,
    });
  });

  it("refuses a refresh token presented by another client's credentials", async () => {
    const { tokens } = await loggedIn();
    const response = await tokenRequest(t.server.url, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token ?? "",
      client_id: WEB.clientId,
      client_secret: "not-the-secret",
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
  });
});

describe("silent authentication (prompt=none)", () => {
  it("returns a code without showing the login page when the browser has a session", async () => {
    const { browser } = await loggedIn();
    const callback = await silentAuth(browser);
    expect(callback.searchParams.get("code")).toEqual(expect.any(String) as unknown);
    expect(callback.searchParams.get("error")).toBeNull();
  });

  it("returns error=login_required to the callback without a session, as Auth0 does", async () => {
    const callback = await silentAuth(new Browser());
    expect(callback.searchParams.get("error")).toBe("login_required");
    expect(callback.searchParams.get("code")).toBeNull();
  });
});

describe("/userinfo", () => {
  it("returns the profile for the access token", async () => {
    const { tokens } = await loggedIn();
    const response = await fetch(`${t.server.url}/userinfo`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      email: ALICE.email,
      name: "Alice Anders",
      sub: expect.stringMatching(/^auth0\|/) as unknown,
    });
  });
});

describe("logout", () => {
  it("/v2/logout ends the session and redirects to an allowed returnTo", async () => {
    const { browser } = await loggedIn();
    const returnTo = WEB.logoutUrls[0] ?? "";
    const start = `${t.server.url}/v2/logout?${new URLSearchParams({ client_id: WEB.clientId, returnTo })}`;
    const page = await browser.follow(start, t.server.url);
    // The end-session step is a self-submitting form (it carries oidc-provider's CSRF token): submit it.
    expect(page.response.status).toBe(200);
    const done = await browser.submitPageForm(page, t.server.url);
    expect(done.url).toBe(new URL(returnTo).toString());
    // Signed out: silent authentication now needs a login.
    expect((await silentAuth(browser)).searchParams.get("error")).toBe("login_required");
  });

  it("/v2/logout without returnTo goes to the application's first Allowed Logout URL", async () => {
    const { browser } = await loggedIn();
    const page = await browser.follow(
      `${t.server.url}/v2/logout?client_id=${WEB.clientId}`,
      t.server.url,
    );
    const done = await browser.submitPageForm(page, t.server.url);
    expect(done.url).toBe(new URL(WEB.logoutUrls[0] ?? "").toString());
  });

  it("/oidc/logout without a client ends the session on a plain local page (no web fonts)", async () => {
    const { browser } = await loggedIn();
    const page = await browser.follow(`${t.server.url}/oidc/logout`, t.server.url);
    const done = await browser.submitPageForm(page, t.server.url);
    expect(done.response.status).toBe(200);
    const html = await done.response.text();
    expect(html).toContain("You are logged out.");
    expect(html).not.toContain("https://");
    expect((await silentAuth(browser)).searchParams.get("error")).toBe("login_required");
  });

  it("/v2/logout refuses a returnTo that is not an allowed logout URL, and keeps the session", async () => {
    const { browser } = await loggedIn();
    const start = `${t.server.url}/v2/logout?${new URLSearchParams({ client_id: WEB.clientId, returnTo: "https://evil.example/" })}`;
    const response = await browser.request(start);
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("Allowed Logout URLs");
    expect((await silentAuth(browser)).searchParams.get("code")).toEqual(
      expect.any(String) as unknown,
    );
  });
});
