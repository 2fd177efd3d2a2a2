// The real @auth0/nextjs-auth0 v4 server SDK pointed at auth0-local, configured as the apps configure it offline
// (AUTH0_DOMAIN = http://localhost:<port> + allowInsecureRequests): its /auth/login redirects here, the browser logs
// in on this server's page, its /auth/callback handler exchanges the code (PKCE, client_secret_post, ID token checks
// against discovery + JWKS) and creates the session; /auth/logout ends the session here too.
import { Auth0Client } from "@auth0/nextjs-auth0/server";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { auth0AppEnv } from "../src/index";
import type { TestServer } from "./support";
import { ALICE, Browser, startTestServer, WEB } from "./support";

const APP = "http://localhost:3000";
let t: TestServer;
let auth0: Auth0Client;

beforeAll(async () => {
  t = await startTestServer();
  const env = auth0AppEnv({
    url: t.server.url,
    dataDir: t.dataDir,
    appBaseUrl: APP,
    clientId: WEB.clientId,
    clientSecret: WEB.clientSecret,
  });
  auth0 = new Auth0Client({
    domain: env.AUTH0_DOMAIN,
    clientId: env.AUTH0_CLIENT_ID,
    clientSecret: env.AUTH0_CLIENT_SECRET,
    secret: env.AUTH0_SECRET,
    appBaseUrl: env.APP_BASE_URL,
    allowInsecureRequests: true,
  });
});
afterAll(async () => {
  await t.stop();
});

/** The app's side of the browser: cookies the Next.js app set, sent back on the next app request. */
class AppCookies {
  private readonly jar = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const value = pair.slice(eq + 1);
      if (value === "" || /max-age=0/i.test(line)) this.jar.delete(pair.slice(0, eq));
      else this.jar.set(pair.slice(0, eq), value);
    }
  }
  request(path: string): NextRequest {
    const cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
    return new NextRequest(new URL(path, APP), { headers: cookie === "" ? {} : { cookie } });
  }
}

async function signIn(): Promise<{ app: AppCookies; browser: Browser }> {
  const app = new AppCookies();
  const browser = new Browser();
  const login = await auth0.middleware(app.request("/auth/login"));
  app.take(login);
  const authorize = login.headers.get("location") ?? "";
  expect(authorize.startsWith(`${t.server.url}/authorize?`)).toBe(true);
  const page = await browser.follow(authorize, t.server.url);
  expect(page.response.status).toBe(200);
  const posted = await browser.submitLogin(page.url, ALICE.email, ALICE.password);
  const back = await browser.follow(
    new URL(posted.headers.get("location") ?? "", t.server.url).toString(),
    t.server.url,
  );
  expect(back.url.startsWith(`${APP}/auth/callback?`)).toBe(true);
  const callback = await auth0.middleware(app.request(back.url));
  app.take(callback);
  expect(callback.status).toBeGreaterThanOrEqual(300);
  expect(callback.headers.get("location")).toBe(`${APP}/`);
  return { app, browser };
}

describe("@auth0/nextjs-auth0 Auth0Client against auth0-local", () => {
  it("completes /auth/login → login page → /auth/callback with a session for Alice", async () => {
    const { app } = await signIn();
    const session = await auth0.getSession(app.request("/"));
    expect(session?.user).toMatchObject({ email: ALICE.email, name: "Alice Anders" });
    expect(session?.user.sub).toMatch(/^auth0\|/);
    expect(session?.tokenSet.idToken).toEqual(expect.any(String) as unknown);
    // nextjs-auth0 asks for offline_access by default; Auth0 answers with a refresh token.
    expect(session?.tokenSet.refreshToken).toEqual(expect.any(String) as unknown);
  });

  it("refreshes the access token through the SDK's getAccessToken({ refresh: true })", async () => {
    const { app } = await signIn();
    const before = await auth0.getSession(app.request("/"));
    const request = app.request("/");
    const { NextResponse } = await import("next/server");
    const response = NextResponse.next();
    const refreshed = await auth0.getAccessToken(request, response, { refresh: true });
    expect(refreshed.token).not.toBe(before?.tokenSet.accessToken);
  });

  it("/auth/logout goes through the server's end-session endpoint back to the app", async () => {
    const { app, browser } = await signIn();
    const logout = await auth0.middleware(app.request("/auth/logout"));
    app.take(logout);
    const location = new URL(logout.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe(`${t.server.url}/oidc/logout`);
    expect(location.searchParams.get("client_id")).toBe(WEB.clientId);
    expect(await auth0.getSession(app.request("/"))).toBeNull();
    // The browser follows: the end-session page's form (self-submitting in a browser), then back to the app.
    const page = await browser.follow(location.toString(), t.server.url);
    expect(page.response.status).toBe(200);
    const done = await browser.submitPageForm(page, t.server.url);
    expect(new URL(done.url).origin).toBe(APP);
    // The server's session is gone too: the next /auth/login shows the login page again.
    const again = await auth0.middleware(app.request("/auth/login"));
    const next = await browser.follow(again.headers.get("location") ?? "", t.server.url);
    expect(await next.response.text()).toContain('name="password"');
  });
});
