// The real @auth0/auth0-spa-js (what @auth0/auth0-react wraps, and so ConvexProviderWithAuth0) against auth0-local,
// in a happy-dom window on the SPA's origin: loginWithRedirect → login page → handleRedirectCallback, the ID token
// it verified (iss = `${domain}/`, aud, nonce), getTokenSilently through the refresh token, and logout via /v2/logout.
import type * as Auth0SpaJs from "@auth0/auth0-spa-js";
import type { Auth0Client } from "@auth0/auth0-spa-js";
import { Window } from "happy-dom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TestServer } from "./support";
import { ALICE, Browser, SPA, startTestServer } from "./support";

const SPA_CALLBACK = SPA.callbackUrls[0] ?? "";
let t: TestServer;
let window: Window;
let spa: typeof Auth0SpaJs;

beforeAll(async () => {
  t = await startTestServer();
  // The browser globals auth0-spa-js reads; fetch stays Node's (a browser would send CORS, tested in spa.test.ts).
  window = new Window({ url: SPA_CALLBACK });
  Object.assign(globalThis, {
    window,
    document: window.document,
    location: window.location,
    localStorage: window.localStorage,
    sessionStorage: window.sessionStorage,
  });
  spa = await import("@auth0/auth0-spa-js");
});
afterAll(async () => {
  await window.happyDOM.close();
  await t.stop();
});

function client(): Auth0Client {
  return new spa.Auth0Client({
    domain: t.server.url,
    clientId: SPA.clientId,
    authorizationParams: { redirect_uri: SPA_CALLBACK },
    useRefreshTokens: true,
    cacheLocation: "memory",
  });
}

async function signIn(auth0: Auth0Client, browser: Browser): Promise<void> {
  let authorize = "";
  await auth0.loginWithRedirect({
    openUrl: (url) => {
      authorize = url;
    },
  });
  expect(authorize.startsWith(`${t.server.url}/authorize?`)).toBe(true);
  const page = await browser.follow(authorize, t.server.url);
  const posted = await browser.submitLogin(page.url, ALICE.email, ALICE.password);
  const back = await browser.follow(
    new URL(posted.headers.get("location") ?? "", t.server.url).toString(),
    t.server.url,
  );
  expect(back.url.startsWith(SPA_CALLBACK)).toBe(true);
  await auth0.handleRedirectCallback(back.url);
}

describe("@auth0/auth0-spa-js Auth0Client against auth0-local", () => {
  it("logs in by redirect and verifies the ID token (issuer = domain + /)", async () => {
    const auth0 = client();
    await signIn(auth0, new Browser());
    expect(await auth0.isAuthenticated()).toBe(true);
    expect(await auth0.getUser()).toMatchObject({ email: ALICE.email, name: "Alice Anders" });
    const claims = await auth0.getIdTokenClaims();
    expect(claims?.iss).toBe(t.server.issuer);
    expect(claims?.aud).toBe(SPA.clientId);
  });

  it("gets a fresh token silently through the refresh token", async () => {
    const auth0 = client();
    await signIn(auth0, new Browser());
    const first = await auth0.getTokenSilently({ detailedResponse: true });
    const fresh = await auth0.getTokenSilently({ cacheMode: "off", detailedResponse: true });
    expect(fresh?.access_token).toEqual(expect.any(String) as unknown);
    expect(fresh?.access_token).not.toBe(first?.access_token);
    expect(fresh?.id_token.split(".")).toHaveLength(3);
  });

  it("logs out through /v2/logout back to the app", async () => {
    const auth0 = client();
    const browser = new Browser();
    await signIn(auth0, browser);
    let logout = "";
    await auth0.logout({
      logoutParams: { returnTo: SPA.logoutUrls[0] },
      openUrl: (url) => {
        logout = url;
      },
    });
    expect(await auth0.isAuthenticated()).toBe(false);
    expect(logout.startsWith(`${t.server.url}/v2/logout?`)).toBe(true);
    const page = await browser.follow(logout, t.server.url);
    const done = await browser.submitPageForm(page, t.server.url);
    expect(done.url).toBe(SPA.logoutUrls[0]);
  });
});
