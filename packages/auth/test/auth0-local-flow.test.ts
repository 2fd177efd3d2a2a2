// @vitest-environment node
// The Auth0 middleware end to end offline: the real nextjs-auth0 SDK signs in against the local Auth0-compatible
// server (login page, code + PKCE), the browser's Convex token comes from /auth/convex-token, and a real local Convex
// backend configured as convex/auth.config.ts does for Auth0 (AUTH0_DOMAIN + AUTH0_CLIENT_ID) accepts it, also
// after Convex's forced refreshes (it forces one on every page load), which rotate the refresh token.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Auth0Local } from "@repo/auth0-local";
import { auth0AppEnv, defaultClients, startAuth0Local } from "@repo/auth0-local";
import type { ConvexLocal } from "@repo/convex-local";
import { startConvexLocal } from "@repo/convex-local";
import type { NextMiddleware } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The local server's own test browser (fetch + cookie jar, manual redirects): see its test/support.ts.
import { Browser } from "../../auth0-local/test/support";
import { AppCookies, convexUserName } from "./app-cookies";

const APP = "http://localhost:3000";
let dataDir: string;
let auth0Local: Auth0Local;
let convex: ConvexLocal;
let middleware: NextMiddleware;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "auth-auth0-flow-"));
  auth0Local = await startAuth0Local({ port: 0, dataDir, clients: defaultClients([APP]) });
  const env = auth0AppEnv({ url: auth0Local.url, dataDir, appBaseUrl: APP });
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  convex = await startConvexLocal({
    port: 0,
    sitePort: 0,
    dataDir: null,
    env: { AUTH0_DOMAIN: auth0Local.url, AUTH0_CLIENT_ID: env.AUTH0_CLIENT_ID ?? "" },
    logs: false,
  });
  vi.resetModules();
  const { authMiddleware } = await import("../src/auth0/middleware");
  middleware = authMiddleware();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await convex.stop();
  await auth0Local.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(email: string): Promise<AppCookies> {
  const app = new AppCookies(() => middleware, APP);
  const browser = new Browser();
  const login = await app.call("/auth/login?returnTo=%2Fprivate");
  const page = await browser.follow(login.headers.get("location") ?? "", auth0Local.url);
  const posted = await browser.submitLogin(page.url, email, "offline-demo-password");
  const back = await browser.follow(
    new URL(posted.headers.get("location") ?? "", auth0Local.url).toString(),
    auth0Local.url,
  );
  const callback = await app.call(back.url);
  expect(callback.headers.get("location")).toBe(`${APP}/private`);
  return app;
}

async function convexToken(app: AppCookies): Promise<string> {
  const response = await app.call("/auth/convex-token");
  expect(response.status).toBe(200);
  const { token } = (await response.json()) as { token: string | null };
  if (token === null) throw new Error("no token");
  return token;
}

const convexName = (token: string) => convexUserName(convex.url, token);

describe("Auth0 offline: nextjs-auth0 + auth0-local + Convex", () => {
  it("signs in, and Convex accepts the session's ID token as that user", async () => {
    const app = await signIn("alice@example.com");
    expect(await convexName(await convexToken(app))).toBe("Alice Anders");
    expect((await app.call("/private")).headers.get("location")).toBeNull();
  });

  it("survives Convex's forced token fetch racing a page navigation (no refresh before it is due)", async () => {
    const app = await signIn("bob@example.com");
    const first = await convexToken(app);
    // Convex's forced fetch on page load (the client once sent it as ?refresh=1) and a navigation leave with the
    // same cookies; the navigation's answer (nextjs-auth0's rolling session write) arrives last.
    const forced = await app.send("/auth/convex-token?refresh=1");
    const navigation = await app.send("/private");
    app.take(forced);
    app.take(navigation);
    expect(((await forced.json()) as { token: string }).token).toBe(first);
    // Later, when the token is due, the refresh token in the cookie must still be the live one.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + (36_000 - 30) * 1000 });
    try {
      const refreshed = await convexToken(app);
      expect(refreshed).not.toBe(first);
      expect(await convexName(refreshed)).toBe("Bob Brandt");
    } finally {
      vi.useRealTimers();
    }
  });

  it("refreshes an expiring token through the refresh-token grant, again and again (rotation)", async () => {
    const app = await signIn("bob@example.com");
    const tokens = [await convexToken(app)];
    // Every clock in this process (SDK, local Auth0 server, local Convex) moves to 30 s before the ID token's
    // 10 h expiry, twice.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    try {
      for (let step = 0; step < 2; step++) {
        vi.setSystemTime(Date.now() + (36_000 - 30) * 1000);
        tokens.push(await convexToken(app));
        expect(await convexName(tokens.at(-1) ?? "")).toBe("Bob Brandt");
      }
    } finally {
      vi.useRealTimers();
    }
    expect(new Set(tokens).size).toBe(3);
  });
});
