// What auth0-spa-js (under auth0-react) does as a public client from the browser: code + PKCE without a secret,
// the token endpoint over CORS from its origin only, rotating refresh tokens, and silent authentication in a hidden
// iframe with response_mode=web_message (the page posts { type: "authorization_response", response } to the opener).
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
  SPA,
  tokenRequest,
} from "./support";

const SPA_CALLBACK = SPA.callbackUrls[0] ?? "";
const SPA_ORIGIN = new URL(SPA_CALLBACK).origin;
const t = serverForThisFile();

async function spaLogin(browser: Browser): Promise<TokenResponse> {
  const { code, verifier } = await logIn(browser, t.server.url, ALICE, {
    clientId: SPA.clientId,
    redirectUri: SPA_CALLBACK,
  });
  return exchangeCode(t.server.url, code, verifier, {
    clientId: SPA.clientId,
    redirectUri: SPA_CALLBACK,
  });
}

/** The web_message page's data: what it posts to the opener. */
async function webMessage(
  browser: Browser,
): Promise<{ response: Record<string, string>; redirect_uri: string }> {
  const { challenge } = pkcePair();
  const state = randomBytes(8).toString("hex");
  const url = authorizeUrl(t.server.url, {
    clientId: SPA.clientId,
    redirectUri: SPA_CALLBACK,
    challenge,
    state,
    extra: { prompt: "none", response_mode: "web_message" },
  });
  const { response } = await browser.follow(url, t.server.url);
  const html = await response.text();
  const data = /var data = (\{.*?\});/s.exec(html)?.[1];
  if (data === undefined) throw new Error(`no web_message data in: ${html.slice(0, 300)}`);
  const parsed = JSON.parse(data) as { response: Record<string, string>; redirect_uri: string };
  expect(parsed.response.state).toBe(state);
  return parsed;
}

describe("public SPA client", () => {
  it("logs in with PKCE and no secret", async () => {
    const tokens = await spaLogin(new Browser());
    expect(tokens.id_token.split(".")).toHaveLength(3);
  });

  it("refuses a code exchange without code_verifier (PKCE is required for public clients)", async () => {
    const { code } = await logIn(new Browser(), t.server.url, ALICE, {
      clientId: SPA.clientId,
      redirectUri: SPA_CALLBACK,
    });
    const response = await tokenRequest(t.server.url, {
      grant_type: "authorization_code",
      code,
      redirect_uri: SPA_CALLBACK,
      client_id: SPA.clientId,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("answers CORS for the SPA's own origin only", async () => {
    const tokens = await spaLogin(new Browser());
    const call = (origin: string) =>
      fetch(`${t.server.url}/oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin },
        body: new URLSearchParams({
          grant_type: "refresh_token",
          refresh_token: tokens.refresh_token ?? "",
          client_id: SPA.clientId,
        }).toString(),
      });
    const own = await call(SPA_ORIGIN);
    expect(own.status).toBe(200);
    expect(own.headers.get("access-control-allow-origin")).toBe(SPA_ORIGIN);
    const stranger = await call("https://evil.example");
    expect(stranger.headers.get("access-control-allow-origin")).toBeNull();
    // The browser's preflight before the POST.
    const preflight = await fetch(`${t.server.url}/oauth/token`, {
      method: "OPTIONS",
      headers: {
        origin: SPA_ORIGIN,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(SPA_ORIGIN);
  });

  it("silent authentication with response_mode=web_message posts a code when signed in", async () => {
    const browser = new Browser();
    await spaLogin(browser);
    const message = await webMessage(browser);
    expect(message.redirect_uri).toBe(SPA_CALLBACK);
    expect(message.response.code).toEqual(expect.any(String) as unknown);
  });

  it("silent authentication with response_mode=web_message posts login_required when signed out", async () => {
    const message = await webMessage(new Browser());
    expect(message.response.error).toBe("login_required");
    expect(message.response.code).toBeUndefined();
  });
});
