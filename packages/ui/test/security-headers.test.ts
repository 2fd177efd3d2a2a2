// securityHeaders: the headers both apps send, and a CSP derived from env that admits exactly the app's Convex
// deployment and Clerk, offline and hosted, with eval in development only. (The e2e suite checks the same headers
// in Chromium, with the pages working and no CSP violation.)
import { buildPublishableKey } from "@clerk/shared/keys";
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD } from "next/constants";
import { describe, expect, it } from "vitest";

import type { SecurityEnv } from "../src/security-headers";
import { nextSecurityConfig, securityHeaders } from "../src/security-headers";

/** The offline env `with-backends` hands the apps: local Convex, Clerk behind the app's own /__clerk proxy. */
const OFFLINE: SecurityEnv = {
  provider: "clerk",
  convexUrl: "http://127.0.0.1:3210",
  clerkPublishableKey: buildPublishableKey("offline-emulator-00.clerk.accounts.dev"),
  clerkProxyUrl: "/__clerk",
};
/** A hosted setup: a Convex cloud deployment and a Clerk development instance, no proxy. */
const HOSTED: SecurityEnv = {
  provider: "clerk",
  convexUrl: "https://happy-otter-123.convex.cloud",
  clerkPublishableKey: buildPublishableKey("happy-otter-12.clerk.accounts.dev"),
  clerkProxyUrl: undefined,
};

function headerMap(env: SecurityEnv, dev = false): Map<string, string> {
  return new Map(securityHeaders(env, { dev }).map(({ key, value }) => [key, value]));
}

/** The CSP as directive → sources. */
function csp(env: SecurityEnv, dev = false): Map<string, string[]> {
  const value = headerMap(env, dev).get("content-security-policy") ?? "";
  return new Map(
    value
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0] !== "")
      .map(([name = "", ...sources]) => [name, sources]),
  );
}

describe("securityHeaders", () => {
  it("sends the headers a careful deployment has", () => {
    const headers = headerMap(OFFLINE);
    expect(headers.get("x-frame-options")).toBe("DENY");
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("referrer-policy")).toBe("no-referrer");
    expect(headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
    expect(headers.get("cross-origin-opener-policy")).toBe("same-origin-allow-popups");
    expect(headers.has("cross-origin-embedder-policy")).toBe(false);
    const policy = csp(OFFLINE);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
  });

  it("offline: connects to the local Convex server over http and ws; Clerk is the app's own /__clerk", () => {
    const policy = csp(OFFLINE);
    expect(policy.get("connect-src")).toEqual(
      expect.arrayContaining(["'self'", "http://127.0.0.1:3210", "ws://127.0.0.1:3210"]),
    );
    const everySource = [...policy.values()].flat();
    expect(everySource.some((source) => source.includes("offline-emulator-00"))).toBe(false);
    expect(everySource).not.toContain("wss://127.0.0.1:3210");
  });

  it("hosted: the Convex deployment over https and wss, and Clerk's Frontend API from the key", () => {
    const policy = csp(HOSTED);
    const fapi = "https://happy-otter-12.clerk.accounts.dev";
    expect(policy.get("connect-src")).toEqual(
      expect.arrayContaining([
        "https://happy-otter-123.convex.cloud",
        "wss://happy-otter-123.convex.cloud",
        fapi,
        "https://*.protect.clerk.com:*",
      ]),
    );
    expect(policy.get("script-src")).toEqual(
      expect.arrayContaining([fapi, "https://challenges.cloudflare.com"]),
    );
    expect(policy.get("frame-src")).toContain("https://challenges.cloudflare.com");
    expect(policy.get("img-src")).toContain("https://img.clerk.com");
    expect(policy.get("worker-src")).toEqual(["'self'", "blob:"]);
    expect(policy.get("style-src")).toContain("'unsafe-inline'");
  });

  it("Auth0: the app and Convex only, no Clerk host (the browser talks to the app's own /auth routes)", () => {
    const policy = csp({
      provider: "auth0",
      convexUrl: HOSTED.convexUrl,
      clerkPublishableKey: undefined,
      clerkProxyUrl: undefined,
    });
    expect(policy.get("connect-src")).toContain(new URL(HOSTED.convexUrl).origin);
    expect([...policy.values()].flat().filter((source) => source.includes("clerk"))).toEqual([]);
  });

  it("a production key with an absolute proxy URL: the proxy's origin, not the key's host", () => {
    const policy = csp({
      ...HOSTED,
      clerkPublishableKey: buildPublishableKey("clerk.example.com").replace("pk_test_", "pk_live_"),
      clerkProxyUrl: "https://auth.example.com/__clerk",
    });
    expect(policy.get("script-src")).toContain("https://auth.example.com");
    expect(policy.get("connect-src")).toContain("https://auth.example.com");
    expect([...policy.values()].flat()).not.toContain("https://clerk.example.com");
  });

  it("sends nosniff except under next dev (which serves one of its scripts as JSON)", () => {
    expect(headerMap(OFFLINE, false).get("x-content-type-options")).toBe("nosniff");
    expect(headerMap(OFFLINE, true).has("x-content-type-options")).toBe(false);
  });

  it("allows eval in development only", () => {
    expect(csp(OFFLINE, true).get("script-src")).toContain("'unsafe-eval'");
    expect(csp(OFFLINE, false).get("script-src")).not.toContain("'unsafe-eval'");
    expect([...csp(HOSTED, false).values()].flat()).not.toContain("'unsafe-eval'");
  });

  it("refuses an env whose Clerk key is not a publishable key", () => {
    expect(() =>
      securityHeaders({ ...OFFLINE, clerkPublishableKey: "pk_test_nope" }, { dev: false }),
    ).toThrow(/Publishable key not valid/);
  });
});

describe("nextSecurityConfig", () => {
  it("drops X-Powered-By and sets the headers on every path, with the phase's CSP", async () => {
    const build = nextSecurityConfig(OFFLINE, PHASE_PRODUCTION_BUILD);
    expect(build.poweredByHeader).toBe(false);
    const [rule] = (await build.headers?.()) ?? [];
    expect(rule?.source).toBe("/:path*");
    expect(rule?.headers).toEqual(securityHeaders(OFFLINE, { dev: false }));
    const [devRule] =
      (await nextSecurityConfig(OFFLINE, PHASE_DEVELOPMENT_SERVER).headers?.()) ?? [];
    expect(devRule?.headers).toEqual(securityHeaders(OFFLINE, { dev: true }));
  });
});
