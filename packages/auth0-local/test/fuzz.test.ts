// A bounded fuzz of every endpoint with fast-check: random methods, paths, query parameters, bodies and content
// types (built around the real parameter names and a valid client) never get a 5xx, and the server stays up.
import { connect } from "node:net";

import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  API_AUDIENCE,
  authorizeUrl,
  Browser,
  pkcePair,
  serverForThisFile,
  WEB,
  WEB_CALLBACK,
} from "./support";

const t = serverForThisFile();

const PATHS = [
  "/authorize",
  "/oauth/token",
  "/oauth/revoke",
  "/userinfo",
  "/.well-known/openid-configuration",
  "/.well-known/jwks.json",
  "/oidc/logout",
  "/v2/logout",
  "/u/login/abc",
  "/u/login/",
  "/health",
  "/request",
  "/nope",
];
const PARAMS = [
  "client_id",
  "client_secret",
  "redirect_uri",
  "response_type",
  "response_mode",
  "scope",
  "state",
  "nonce",
  "prompt",
  "audience",
  "resource",
  "code",
  "code_verifier",
  "code_challenge",
  "code_challenge_method",
  "grant_type",
  "refresh_token",
  "returnTo",
  "post_logout_redirect_uri",
  "id_token_hint",
  "token",
  "username",
  "password",
  "max_age",
  "login_hint",
  "request",
];
const VALUES = fc.oneof(
  fc.constantFrom(
    WEB.clientId,
    WEB.clientSecret,
    WEB_CALLBACK,
    "code",
    "openid profile email offline_access",
    "none",
    "login consent",
    API_AUDIENCE,
    "authorization_code",
    "refresh_token",
    "password",
    "web_message",
    "form_post",
    "S256",
    "plain",
    "http://localhost:3000",
    "javascript:alert(1)",
    "-1",
    "",
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);
const PARAM_LIST = fc.array(
  fc.tuple(fc.oneof(fc.constantFrom(...PARAMS), fc.string({ maxLength: 8 })), VALUES),
  {
    maxLength: 8,
  },
);
const CONTENT_TYPES = fc.constantFrom(
  "application/x-www-form-urlencoded",
  "application/json",
  "text/plain",
  "multipart/form-data; boundary=x",
  "",
);

function encode(pairs: [string, string][]): string {
  return pairs
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join("&");
}

describe("fuzz (bounded)", () => {
  it("answers random requests to every endpoint without a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD"),
        fc.oneof(
          fc.constantFrom(...PATHS),
          fc.string({ maxLength: 20 }).map((s) => `/${encodeURIComponent(s)}`),
        ),
        PARAM_LIST,
        PARAM_LIST,
        CONTENT_TYPES,
        fc.boolean(),
        async (method, path, query, body, contentType, bearer) => {
          const headers: Record<string, string> = {};
          if (contentType !== "") headers["content-type"] = contentType;
          if (bearer) headers.authorization = "Bearer x.y.z";
          const hasBody = method !== "GET" && method !== "HEAD";
          const raw =
            contentType === "application/json"
              ? JSON.stringify(Object.fromEntries(body))
              : encode(body);
          const response = await fetch(`${t.server.url}${path}?${encode(query)}`, {
            method,
            headers,
            redirect: "manual",
            ...(hasBody ? { body: raw } : {}),
          });
          await response.arrayBuffer();
          expect(response.status, `${method} ${path}`).toBeLessThan(500);
        },
      ),
      { numRuns: 300, interruptAfterTimeLimit: 20_000 },
    );
    expect((await fetch(`${t.server.url}/health`)).status).toBe(200);
  });

  it("answers random login form posts inside a real interaction without a 5xx", async () => {
    const browser = new Browser();
    const { challenge } = pkcePair();
    const page = await browser.follow(
      authorizeUrl(t.server.url, { challenge, state: "s" }),
      t.server.url,
    );
    await fc.assert(
      fc.asyncProperty(PARAM_LIST, CONTENT_TYPES, async (body, contentType) => {
        const response = await browser.request(page.url, {
          method: "POST",
          headers: contentType === "" ? {} : { "content-type": contentType },
          body: encode(body),
        });
        await response.arrayBuffer();
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 100, interruptAfterTimeLimit: 10_000 },
    );
  });

  it("answers raw request targets (absolute-form, malformed) without a 5xx", async () => {
    const port = Number(new URL(t.server.url).port);
    const statusLine = (target: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(port, "127.0.0.1", () =>
          socket.write(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`),
        );
        let data = "";
        socket.on("data", (chunk) => (data += String(chunk)));
        socket.on("end", () => resolve(data.split("\r\n")[0] ?? ""));
        socket.on("error", (error) => resolve(String(error)));
      });
    for (const target of [
      "http://[",
      "http://localhost:1/u/login/x",
      "*",
      "//x/../health",
      "/%zz",
    ]) {
      expect(await statusLine(target), target).toMatch(/^HTTP\/1\.1 [234]\d\d /);
    }
    await fc.assert(
      fc.asyncProperty(
        fc.string({
          minLength: 1,
          maxLength: 30,
          unit: fc.constantFrom(..."/:[]%?#@.*ahtp0".split("")),
        }),
        async (target) => {
          expect(await statusLine(target), target).not.toMatch(/^HTTP\/1\.1 5/);
        },
      ),
      { numRuns: 100, interruptAfterTimeLimit: 10_000 },
    );
  });

  it("refuses an oversized login form with 413 and keeps the connection usable", async () => {
    const browser = new Browser();
    const { challenge } = pkcePair();
    const page = await browser.follow(
      authorizeUrl(t.server.url, { challenge, state: "s" }),
      t.server.url,
    );
    const response = await browser.request(page.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `username=${"a".repeat(200_000)}`,
    });
    expect(response.status).toBe(413);
    expect((await fetch(`${t.server.url}/health`)).status).toBe(200);
  });
});
