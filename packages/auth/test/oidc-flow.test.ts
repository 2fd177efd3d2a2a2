// @vitest-environment node
// AUTH_PROVIDER=oidc end to end offline: the OIDC middleware (openid-client: discovery, code + PKCE, refresh-token
// grant, RP-initiated logout) against the local server's plain-OpenID flavor, and a real local Convex backend
// configured by convex/auth.config.ts from OIDC_ISSUER + OIDC_CLIENT_ID checking every token it hands out.
import { mkdtempSync, rmSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Auth0Local } from "@repo/auth0-local";
import { defaultClients, oidcAppEnv, startAuth0Local } from "@repo/auth0-local";
import type { ConvexLocal } from "@repo/convex-local";
import { startConvexLocal } from "@repo/convex-local";
import { decodeJwt } from "jose";
import type { NextMiddleware } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The local server's own test browser (fetch + cookie jar, manual redirects): see its test/support.ts.
import { Browser } from "../../auth0-local/test/support";
import type * as PagesServer from "../src/oidc/pages-server";
import { AppCookies, convexUserName } from "./app-cookies";

const APP = "http://localhost:3000";
/** The local server's ID token lifetime here: long enough to never expire unless a test moves the clock. */
const TTL_S = 3_600;
let dataDir: string;
let provider: Auth0Local;
let convex: ConvexLocal;
let middleware: NextMiddleware;
let pagesServer: typeof PagesServer;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "auth-oidc-flow-"));
  provider = await startAuth0Local({
    port: 0,
    dataDir,
    flavor: "oidc",
    clients: defaultClients([APP], "oidc"),
    // Strict reuse detection (no reuse interval), as Keycloak's "Revoke Refresh Token": what the app's own
    // de-duplication of racing refreshes must hold up against.
    refreshReuseIntervalMs: 0,
  });
  const env = oidcAppEnv({ issuer: provider.issuer, dataDir, appBaseUrl: APP });
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  convex = await startConvexLocal({
    port: 0,
    sitePort: 0,
    dataDir: null,
    env: { OIDC_ISSUER: env.OIDC_ISSUER ?? "", OIDC_CLIENT_ID: env.OIDC_CLIENT_ID ?? "" },
    logs: false,
  });
  vi.resetModules();
  middleware = (await import("../src/oidc/middleware")).authMiddleware();
  pagesServer = await import("../src/oidc/pages-server");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await convex.stop();
  await provider.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const newApp = () => new AppCookies(() => middleware, APP);

/** /auth/login → the provider's login page → /auth/callback, as the user's browser goes. */
async function signIn(
  email: string,
  returnTo = "/private",
  landsOn = returnTo,
): Promise<AppCookies> {
  const app = newApp();
  const browser = new Browser();
  const login = await app.call(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  const authorize = new URL(login.headers.get("location") ?? "");
  expect(authorize.origin).toBe(provider.url);
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorize.searchParams.get("redirect_uri")).toBe(`${APP}/auth/callback`);
  const page = await browser.follow(authorize.toString(), provider.url);
  const posted = await browser.submitLogin(page.url, email, "offline-demo-password");
  const back = await browser.follow(
    new URL(posted.headers.get("location") ?? "", provider.url).toString(),
    provider.url,
  );
  const callback = await app.call(back.url);
  expect(callback.headers.get("location")).toBe(`${APP}${landsOn}`);
  return app;
}

async function tokenResponse(app: AppCookies): Promise<{ status: number; token: string | null }> {
  const response = await app.call("/auth/convex-token");
  expect(response.headers.get("cache-control")).toBe("no-store");
  const { token } = (await response.json()) as { token: string | null };
  return { status: response.status, token };
}

async function convexToken(app: AppCookies): Promise<string> {
  const { status, token } = await tokenResponse(app);
  expect(status).toBe(200);
  if (token === null) throw new Error("no token");
  return token;
}

const convexName = (token: string) => convexUserName(convex.url, token);

/** What the Pages Router hands getServerSideProps: the request with its parsed cookies. */
const pagesRequest = (app: AppCookies) =>
  ({ cookies: Object.fromEntries(app.jar) }) as unknown as IncomingMessage & {
    cookies: Record<string, string>;
  };

/** Moves every clock in this process (the app, the local provider, local Convex) to just before expiry. */
async function nearExpiry<T>(steps: number, run: (step: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
  try {
    for (let step = 0; step < steps; step++) {
      vi.setSystemTime(Date.now() + (TTL_S - 30) * 1000);
      results.push(await run(step));
    }
  } finally {
    vi.useRealTimers();
  }
  return results;
}

describe("OIDC offline: the OIDC middleware + a plain OpenID provider + Convex", () => {
  it("signs in with code + PKCE; Convex accepts the ID token as that user, client and server side", async () => {
    const app = await signIn("alice@example.com");
    // Only the encrypted session cookie is left; the transaction cookie is gone.
    expect([...app.jar.keys()]).toEqual(["oidc_session"]);
    const token = await convexToken(app);
    expect(decodeJwt(token)).toMatchObject({ iss: provider.issuer, aud: "oidc-local-client" });
    expect(await convexName(token)).toBe("Alice Anders");
    expect(await pagesServer.getConvexToken(pagesRequest(app))).toBe(token);
    expect(await pagesServer.authPageProps(pagesRequest(app))).toEqual({
      oidcUser: { sub: decodeJwt(token).sub, name: "Alice Anders", email: "alice@example.com" },
    });
    const profile = await app.call("/auth/profile");
    expect(await profile.json()).toMatchObject({ user: { name: "Alice Anders" } });
    expect((await app.call("/private")).headers.get("location")).toBeNull();
  });

  it("sends signed-out visitors of the private pages to sign in, and answers their token request 401", async () => {
    const app = newApp();
    const redirect = await app.call("/server-auth?x=1");
    expect(redirect.headers.get("location")).toBe(
      `${APP}/auth/login?returnTo=%2Fserver-auth%3Fx%3D1`,
    );
    expect((await app.call("/")).headers.get("location")).toBeNull();
    expect(await tokenResponse(app)).toEqual({ status: 401, token: null });
    expect(await (await app.call("/auth/profile")).json()).toEqual({ user: null });
    expect(await pagesServer.getConvexToken(pagesRequest(app))).toBeUndefined();
  });

  it("does not refresh before the token is due: Convex's forced fetch on every page load rotates nothing", async () => {
    const app = await signIn("bob@example.com");
    const first = await convexToken(app);
    const cookie = app.jar.get("oidc_session");
    expect(await convexToken(app)).toBe(first);
    expect(app.jar.get("oidc_session")).toBe(cookie);
  });

  it("refreshes a due ID token by the refresh-token grant, again and again (rotation)", async () => {
    const app = await signIn("bob@example.com");
    const tokens = [await convexToken(app)];
    tokens.push(
      ...(await nearExpiry(2, async () => {
        const token = await convexToken(app);
        expect(await convexName(token)).toBe("Bob Brandt");
        return token;
      })),
    );
    expect(new Set(tokens).size).toBe(3);
  });

  it("refreshes once for requests racing with the same cookie, and the grant survives it", async () => {
    const app = await signIn("alice@example.com", "/");
    await nearExpiry(2, async (step) => {
      if (step === 0) {
        // A page, its token fetch and a second tab leave with the same (spent-to-be) refresh token.
        const answers = await Promise.all([
          app.send("/auth/convex-token"),
          app.send("/auth/convex-token"),
          app.send("/private"),
        ]);
        const tokens = await Promise.all(
          answers
            .slice(0, 2)
            .map(async (answer) => ((await answer.json()) as { token: string }).token),
        );
        expect(tokens[0]).toBe(tokens[1]);
        for (const answer of answers) app.take(answer);
      } else {
        // A reused refresh token would have revoked the grant: the next refresh would fail.
        expect(await convexName(await convexToken(app))).toBe("Alice Anders");
      }
    });
  });

  it("refreshes a due token in the middleware before a page renders, and hands the page the new cookie", async () => {
    const app = await signIn("alice@example.com", "/");
    const before = app.jar.get("oidc_session");
    await nearExpiry(1, async () => {
      const page = await app.call("/server-auth");
      expect(page.headers.get("location")).toBeNull();
      // Next passes the overridden request headers to the page as x-middleware-request-*.
      const forwarded = page.headers.get("x-middleware-request-cookie") ?? "";
      const after = app.jar.get("oidc_session");
      expect(after).toBeDefined();
      expect(after).not.toBe(before);
      expect(forwarded).toContain("oidc_session=");
      expect(forwarded).not.toContain(before);
    });
  });

  it("signs out: the cookie cleared, the refresh token revoked, the provider's session ended (RP-initiated)", async () => {
    const app = await signIn("bob@example.com", "/");
    const stolen = new Map(app.jar);
    const logout = await app.call("/auth/logout");
    const target = new URL(logout.headers.get("location") ?? "");
    expect(`${target.origin}${target.pathname}`).toBe(`${provider.url}/session/end`);
    expect(target.searchParams.get("post_logout_redirect_uri")).toBe(`${APP}/`);
    expect(target.searchParams.get("id_token_hint")).toBeTruthy();
    expect(app.jar.size).toBe(0);
    expect(await tokenResponse(app)).toEqual({ status: 401, token: null });
    // A copy of the cookie taken before signing out cannot refresh any more.
    const copy = newApp();
    for (const [name, value] of stolen) copy.jar.set(name, value);
    await nearExpiry(1, async () => {
      expect(await tokenResponse(copy)).toEqual({ status: 401, token: null });
    });
    expect(copy.jar.has("oidc_session")).toBe(false);
  });
});

describe("OIDC routes: bad input gets a clear 4xx and changes nothing", () => {
  it("refuses a callback without its sign-in (no transaction cookie)", async () => {
    const app = newApp();
    const response = await app.call("/auth/callback?code=abc&state=def");
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("sign in again");
    expect(app.jar.has("oidc_session")).toBe(false);
  });

  it("refuses a callback whose state does not match, and the provider's own error", async () => {
    for (const query of ["code=abc&state=wrong", "error=access_denied&state=wrong"]) {
      const app = newApp();
      await app.call("/auth/login");
      const response = await app.call(`/auth/callback?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.text()).toMatch(/Sign-in failed \(\w+\)/);
      expect(app.jar.has("oidc_session")).toBe(false);
    }
  });

  it("refuses other methods with 405 and unknown /auth/ paths with 404", async () => {
    const app = newApp();
    for (const path of ["/auth/login", "/auth/callback", "/auth/logout", "/auth/convex-token"]) {
      const response = await app.call(path, { method: "POST" });
      expect(response.status, path).toBe(405);
      expect(response.headers.get("allow")).toBe("GET");
    }
    expect((await app.call("/auth/nope")).status).toBe(404);
    expect((await app.call("/auth/__proto__")).status).toBe(404);
  });

  it("keeps returnTo on this app: absolute and protocol-relative targets become /", async () => {
    for (const returnTo of ["https://evil.example/", "//evil.example/", "/\\evil.example"]) {
      const app = await signIn("alice@example.com", returnTo, "/");
      expect(app.jar.has("oidc_session")).toBe(true);
    }
  });

  it("treats a tampered, foreign or junk session cookie as signed out (bounded fuzz)", async () => {
    const real = (await signIn("alice@example.com", "/")).jar.get("oidc_session") ?? "";
    const junk = [
      "",
      "x",
      `${real.slice(0, -2)}AA`,
      real.split(".").reverse().join("."),
      "eyJhbGciOiJub25lIn0.e30.",
      ...Array.from({ length: 20 }, (_, i) =>
        Buffer.from(`junk-${i}-${"🍪".repeat(i)}`).toString("base64url"),
      ),
    ];
    for (const value of junk) {
      const app = newApp();
      app.jar.set("oidc_session", value);
      expect(await tokenResponse(app), value).toEqual({ status: 401, token: null });
      expect((await app.call("/private")).status).toBe(307);
    }
  });
});
