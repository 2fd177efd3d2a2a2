// Test support: an auth0-local server on an ephemeral port with its own temp data dir, and a small browser (fetch
// with manual redirects and a cookie jar) that walks the authorization flow the way a user's browser does.
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { SEEDED_PASSWORD } from "@repo/local-server/seeded-users";
import { afterAll, beforeAll, expect } from "vitest";

import type { Auth0Local, Auth0LocalClient } from "../src/index";
import { startAuth0Local } from "../src/index";

export const ALICE = { email: "alice@example.com", password: SEEDED_PASSWORD } as const;
export const BOB = { email: "bob@example.com", password: SEEDED_PASSWORD } as const;

export const WEB_CALLBACK = "http://localhost:3000/auth/callback";
export const WEB = {
  clientId: "web-app",
  clientSecret: "web-app-secret",
  callbackUrls: [WEB_CALLBACK],
  // As Auth0's Next.js quickstart sets it: nextjs-auth0 sends APP_BASE_URL as the returnTo.
  logoutUrls: ["http://localhost:3000"],
} satisfies Auth0LocalClient;
export const SPA = {
  clientId: "spa-app",
  callbackUrls: ["http://localhost:5173/"],
  logoutUrls: ["http://localhost:5173/"],
} satisfies Auth0LocalClient;
export const API_AUDIENCE = "https://api.offline.test/";

export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), "auth0-local-test-"));
}

export interface TestServer {
  server: Auth0Local;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startTestServer(
  options: { dataDir?: string; keepDir?: boolean } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? makeDataDir();
  const server = await startAuth0Local({
    port: 0,
    dataDir,
    clients: [WEB, SPA],
    audiences: [API_AUDIENCE],
  });
  return {
    server,
    dataDir,
    stop: async () => {
      await server.stop();
      if (options.keepDir !== true) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The test file's server: started before its first test and stopped after its last. The returned object is filled
 * in by then, so tests read it as they would `startTestServer`'s result.
 */
export function serverForThisFile(): TestServer {
  const t = {} as TestServer;
  beforeAll(async () => {
    Object.assign(t, await startTestServer());
  });
  afterAll(() => t.stop());
  return t;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** A browser: follows nothing by itself, keeps cookies per host (enough for one local server). */
export class Browser {
  private readonly cookies = new Map<string, string>();

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0)
      headers.set(
        "cookie",
        [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "),
      );
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired =
        attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Follows redirects while they stay on `origin`; returns the first response that leaves it or is not a redirect. */
  async follow(
    url: string,
    origin: string,
    init: RequestInit = {},
  ): Promise<{ url: string; response: Response }> {
    let current = url;
    let response = await this.request(current, init);
    for (let hops = 0; hops < 10; hops++) {
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || location === null) break;
      const next = new URL(location, current).toString();
      if (new URL(next).origin !== origin) return { url: next, response };
      current = next;
      response = await this.request(current);
    }
    return { url: current, response };
  }

  /** Submits the page's first form with its hidden fields (what the logout page's script does in a browser). */
  async submitPageForm(
    page: { url: string; response: Response },
    origin: string,
  ): Promise<{ url: string; response: Response }> {
    const html = await page.response.text();
    const action = /<form[^>]* action="([^"]+)"/.exec(html)?.[1];
    if (action === undefined) throw new Error(`no form on ${page.url}: ${html.slice(0, 200)}`);
    const fields = new URLSearchParams();
    for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
      fields.append(match[1] ?? "", match[2] ?? "");
    return this.follow(new URL(action, page.url).toString(), origin, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: fields.toString(),
    });
  }

  /** Posts the login form found on `loginUrl`'s page; returns where the server sends the browser next. */
  async submitLogin(loginUrl: string, email: string, password: string): Promise<Response> {
    return this.request(loginUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: email, password }).toString(),
    });
  }
}

export interface AuthorizeParams {
  clientId?: string;
  redirectUri?: string;
  scope?: string;
  extra?: Record<string, string>;
}

export function authorizeUrl(
  base: string,
  params: AuthorizeParams & { challenge: string; state: string },
): string {
  const query = new URLSearchParams({
    client_id: params.clientId ?? WEB.clientId,
    redirect_uri: params.redirectUri ?? WEB_CALLBACK,
    response_type: "code",
    scope: params.scope ?? "openid profile email offline_access",
    state: params.state,
    nonce: randomBytes(8).toString("hex"),
    code_challenge: params.challenge,
    code_challenge_method: "S256",
    ...params.extra,
  });
  return `${base}/authorize?${query}`;
}

/** Full login: /authorize → login page → form post → callback URL with `code`. */
export async function logIn(
  browser: Browser,
  base: string,
  user: { email: string; password: string },
  params: AuthorizeParams = {},
): Promise<{ code: string; verifier: string; callback: URL }> {
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(8).toString("hex");
  const start = await browser.follow(authorizeUrl(base, { ...params, challenge, state }), base);
  expect(start.response.status).toBe(200);
  expect(await start.response.text()).toContain('name="password"');
  const posted = await browser.submitLogin(start.url, user.email, user.password);
  expect(posted.status).toBe(303);
  const done = await browser.follow(
    new URL(posted.headers.get("location") ?? "", base).toString(),
    base,
  );
  const callback = new URL(done.url);
  expect(callback.searchParams.get("state")).toBe(state);
  const code = callback.searchParams.get("code");
  if (code === null) throw new Error(`no code in ${done.url} (status ${done.response.status})`);
  return { code, verifier, callback };
}

export interface TokenResponse {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  token_type: string;
  expires_in: number;
  scope: string;
}

export async function tokenRequest(base: string, body: Record<string, string>): Promise<Response> {
  return fetch(`${base}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body).toString(),
  });
}

export async function exchangeCode(
  base: string,
  code: string,
  verifier: string,
  client: { clientId: string; clientSecret?: string; redirectUri: string } = {
    clientId: WEB.clientId,
    clientSecret: WEB.clientSecret,
    redirectUri: WEB_CALLBACK,
  },
): Promise<TokenResponse> {
  const response = await tokenRequest(base, {
    grant_type: "authorization_code",
    code,
    code_verifier: verifier,
    redirect_uri: client.redirectUri,
    client_id: client.clientId,
    ...(client.clientSecret === undefined ? {} : { client_secret: client.clientSecret }),
  });
  const body = (await response.json()) as TokenResponse;
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body;
}
