// Bad input is refused the way Auth0 refuses it: wrong password on the login page, unregistered redirect URIs (an
// error page, never a redirect), token endpoint errors as { error, error_description }, and forged or expired
// access tokens at /userinfo as 401 with WWW-Authenticate.
import { randomBytes } from "node:crypto";

import { afterEach, describe, expect, it, vi } from "vitest";

import { WRONG_CREDENTIALS } from "../src/index";
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
afterEach(() => {
  vi.useRealTimers();
});

async function loginPage(browser: Browser): Promise<string> {
  const { challenge } = pkcePair();
  const start = await browser.follow(
    authorizeUrl(t.server.url, { challenge, state: "s" }),
    t.server.url,
  );
  expect(start.response.status).toBe(200);
  return start.url;
}

describe("login page", () => {
  it("answers a wrong password with Auth0's message and no session", async () => {
    const browser = new Browser();
    const page = await loginPage(browser);
    const response = await browser.submitLogin(page, ALICE.email, "wrong-password");
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    const html = await response.text();
    expect(html).toContain(WRONG_CREDENTIALS);
    // The form is shown again with the email kept, and still works with the right password.
    expect(html).toContain(`value="${ALICE.email}"`);
    expect((await browser.submitLogin(page, ALICE.email, ALICE.password)).status).toBe(303);
  });

  it("gives an unknown email the same message as a wrong password", async () => {
    const browser = new Browser();
    const response = await browser.submitLogin(await loginPage(browser), "nobody@example.com", "x");
    expect(await response.text()).toContain(WRONG_CREDENTIALS);
  });

  it("ignores a login form posted without the browser's interaction cookie (CSRF)", async () => {
    const page = await loginPage(new Browser());
    const attacker = new Browser();
    const response = await attacker.submitLogin(page, ALICE.email, ALICE.password);
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  it("answers a login form posted after the login page expired with a 400 page, not a session", async () => {
    const browser = new Browser();
    const page = await loginPage(browser);
    // Past the interaction's hour (and the cookie's lifetime): only the clock moves.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 2 * 3600 * 1000 });
    const response = await browser.submitLogin(page, ALICE.email, ALICE.password);
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("no longer valid");
  });

  it("escapes what it echoes back into the page", async () => {
    const browser = new Browser();
    const response = await browser.submitLogin(
      await loginPage(browser),
      '"><script>alert(1)</script>',
      "x",
    );
    const html = await response.text();
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;");
  });
});

describe("/authorize", () => {
  it.each([
    ["another host", "https://evil.example/auth/callback"],
    ["another path", "http://localhost:3000/elsewhere"],
    ["another port", "http://localhost:3999/auth/callback"],
  ])(
    "shows an error page for a redirect_uri on %s, and does not redirect",
    async (_label, redirectUri) => {
      const { challenge } = pkcePair();
      const response = await new Browser().request(
        authorizeUrl(t.server.url, { challenge, state: "s", redirectUri }),
      );
      expect(response.status).toBe(400);
      expect(response.headers.get("location")).toBeNull();
      expect(await response.text()).toContain("redirect_uri");
    },
  );

  it("shows an error page for an unknown client", async () => {
    const { challenge } = pkcePair();
    const response = await new Browser().request(
      authorizeUrl(t.server.url, { challenge, state: "s", clientId: "no-such-client" }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  it("refuses an audience that is not a registered API (access_denied, Service not found)", async () => {
    const { challenge } = pkcePair();
    const browser = new Browser();
    const url = authorizeUrl(t.server.url, {
      challenge,
      state: "s",
      extra: { audience: "https://unknown.example/" },
    });
    const landed = await browser.follow(url, t.server.url);
    // The redirect_uri is valid, so the error goes back to the application, as Auth0 does.
    const callback = new URL(landed.url);
    expect(callback.origin + callback.pathname).toBe(WEB_CALLBACK);
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("error_description")).toBe(
      "Service not found: https://unknown.example/",
    );
  });
});

describe("/oauth/token errors", () => {
  const base = { client_id: WEB.clientId, client_secret: WEB.clientSecret };

  it.each([
    [
      "an unknown code",
      {
        grant_type: "authorization_code",
        code: "nope",
        redirect_uri: WEB_CALLBACK,
        code_verifier: "v".repeat(43),
      },
      400,
      "invalid_grant",
    ],
    ["no grant_type", {}, 400, "invalid_request"],
    [
      "an unsupported grant_type",
      { grant_type: "password", username: ALICE.email, password: ALICE.password },
      400,
      "unsupported_grant_type",
    ],
    [
      "an unknown refresh token",
      { grant_type: "refresh_token", refresh_token: "nope" },
      400,
      "invalid_grant",
    ],
  ])("answers %s with { error, error_description }", async (_label, body, status, error) => {
    const response = await tokenRequest(t.server.url, { ...base, ...body });
    expect(response.status).toBe(status);
    const json = (await response.json()) as { error: string; error_description: string };
    expect(json.error).toBe(error);
    expect(json.error_description.length).toBeGreaterThan(0);
  });

  it("answers a wrong client secret with invalid_client (401)", async () => {
    const response = await tokenRequest(t.server.url, {
      grant_type: "refresh_token",
      refresh_token: "x",
      client_id: WEB.clientId,
      client_secret: "wrong",
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
  });

  it("does not exchange a code twice", async () => {
    const { code, verifier } = await logIn(new Browser(), t.server.url, ALICE);
    await exchangeCode(t.server.url, code, verifier);
    const again = await tokenRequest(t.server.url, {
      ...base,
      grant_type: "authorization_code",
      code,
      code_verifier: verifier,
      redirect_uri: WEB_CALLBACK,
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: "invalid_grant" });
  });
});

describe("/userinfo with a bad token", () => {
  async function userinfo(token: string): Promise<Response> {
    return fetch(`${t.server.url}/userinfo`, { headers: { authorization: `Bearer ${token}` } });
  }

  it("rejects a forged token with 401 and WWW-Authenticate", async () => {
    const response = await userinfo(randomBytes(32).toString("base64url"));
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer .*error="invalid_token"/);
  });

  it("rejects an expired token with 401 and WWW-Authenticate", async () => {
    const { code, verifier } = await logIn(new Browser(), t.server.url, ALICE);
    const tokens = await exchangeCode(t.server.url, code, verifier);
    expect((await userinfo(tokens.access_token)).status).toBe(200);
    // Past the access token's lifetime (expires_in), only the clock moves.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + (tokens.expires_in + 60) * 1000 });
    const response = await userinfo(tokens.access_token);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/error="invalid_token"/);
  });

  it("rejects a request without a token with 401", async () => {
    const response = await fetch(`${t.server.url}/userinfo`);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });
});
