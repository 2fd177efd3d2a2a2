// The handshake with `suffixed_cookies=true`, driven by the real @clerk/backend: an app whose browser holds an
// expired `__session_<suffix>` (the SDK then reads the suffixed cookies) is sent to the handshake, and afterwards
// the suffixed cookies it reads are the fresh ones. Before, only `__session` was set and the stale suffixed token
// survived. The app's SDK is in direct mode (absolute proxyUrl), as an unmodified app would be.
import { verifyToken } from "@clerk/backend";
import { getCookieSuffix } from "@clerk/shared/keys";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { PUBLISHABLE_KEY } from "../src/index";
import type { TestServer } from "./support";
import { ALICE, FapiBrowser, startTestServer } from "./support";

let server: TestServer;
let suffix: string;

beforeAll(async () => {
  server = await startTestServer();
  suffix = await getCookieSuffix(PUBLISHABLE_KEY);
});
afterAll(() => server.stop());

const APP = "http://127.0.0.1:3999/dashboard";

class CookieJar {
  readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** Applies `Set-Cookie` values as a browser would (Max-Age=0 deletes). */
  apply(setCookies: string[]): void {
    for (const cookie of setCookies) {
      const [pair = "", ...attributes] = cookie.split(";").map((part) => part.trim());
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(name.length + 1);
      if (attributes.some((attribute) => /^max-age=0$/i.test(attribute))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** One document request of the app, through the real SDK (as clerkMiddleware makes it). */
function authenticate(url: string, jar: CookieJar) {
  const request = new Request(url, {
    headers: { accept: "text/html", "sec-fetch-dest": "document", cookie: jar.header() },
  });
  return server.bapi.authenticateRequest(request, {
    jwtKey: server.jwtKey,
    publishableKey: PUBLISHABLE_KEY,
    proxyUrl: server.clerk.url,
  });
}

async function staleSessionToken(browser: FapiBrowser, sessionId: string): Promise<string> {
  vi.useFakeTimers({ toFake: ["Date"] });
  try {
    vi.setSystemTime(Date.now() - 10 * 60_000);
    return (await browser.token(sessionId)).body.jwt;
  } finally {
    vi.useRealTimers();
  }
}

describe("handshake with suffixed cookies", () => {
  it("computes the suffix as @clerk/shared does", async () => {
    const { COOKIE_SUFFIX } = await import("../src/cookie-suffix");
    expect(COOKIE_SUFFIX).toBe(suffix);
  });

  it("replaces a stale __session_<suffix>, so the SDK reading suffixed cookies is signed in", async () => {
    const browser = await FapiBrowser.open(server.clerk.url);
    const { sessionId, userId } = await browser.signIn(ALICE.email, ALICE.password);
    const uat = String(Math.floor(Date.now() / 1000));
    const jar = new CookieJar();
    jar.apply([
      `__client_uat=${uat}`,
      `__client_uat_${suffix}=${uat}`,
      `__session_${suffix}=${await staleSessionToken(browser, sessionId)}`,
      `__clerk_db_jwt=${browser.devBrowser}`,
      `__clerk_db_jwt_${suffix}=${browser.devBrowser}`,
    ]);

    const first = await authenticate(APP, jar);
    expect(first.status).toBe("handshake");
    const handshakeUrl = new URL(first.headers.get("location") ?? "");
    expect(handshakeUrl.origin).toBe(server.clerk.url);
    expect(handshakeUrl.searchParams.get("suffixed_cookies")).toBe("true");

    const redirect = await fetch(handshakeUrl, { redirect: "manual" });
    expect(redirect.status).toBe(307);
    const back = await authenticate(redirect.headers.get("location") ?? "", jar);
    expect(back.status).toBe("signed-in");
    jar.apply(back.headers.getSetCookie());

    const fresh = jar.cookies.get(`__session_${suffix}`) ?? "";
    await expect(verifyToken(fresh, { jwtKey: server.jwtKey })).resolves.toMatchObject({
      sid: sessionId,
      sub: userId,
    });
    expect(jar.cookies.get(`__session_${suffix}`)).toBe(jar.cookies.get("__session"));
    const next = await authenticate(APP, jar);
    expect(next.status).toBe("signed-in");
    expect(next.toAuth()).toMatchObject({ userId, sessionId });
  });

  it("sets only the unsuffixed names when the SDK does not use suffixed cookies", async () => {
    const browser = await FapiBrowser.open(server.clerk.url);
    await browser.signIn(ALICE.email, ALICE.password);
    const response = await fetch(
      browser.url("/v1/client/handshake", {
        redirect_url: APP,
        suffixed_cookies: "false",
        format: "nonce",
      }),
      { redirect: "manual" },
    );
    const state = await authenticate(response.headers.get("location") ?? "", new CookieJar());
    const names = state.headers
      .getSetCookie()
      .map((cookie) => cookie.slice(0, cookie.indexOf("=")));
    expect(names).toContain("__session");
    expect(names.filter((name) => name.endsWith(`_${suffix}`))).toEqual([]);
  });
});
