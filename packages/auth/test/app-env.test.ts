// @vitest-environment node
// appEnv(router), what each app's env.ts is: the server's reads and validates process.env (failing with the same
// message as validateAppEnv); the browser bundle's (browser-env.ts) maps the values Next inlined, validated by the
// build. Both link each app to the other one.
import { afterEach, describe, expect, it, vi } from "vitest";

import { appEnv as browserAppEnv } from "../src/browser-env";
import { appEnv } from "../src/env";

const HOSTED_CLERK = {
  NEXT_PUBLIC_CONVEX_URL: "https://happy-otter-123.convex.cloud",
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k",
  CLERK_SECRET_KEY: "sk_test_abc",
};
const UNSET = [
  "AUTH_PROVIDER",
  "NEXT_PUBLIC_CLERK_PROXY_URL",
  "CLERK_JWT_KEY",
  "AUTH0_DOMAIN",
  "AUTH0_CLIENT_ID",
  "AUTH0_CLIENT_SECRET",
  "AUTH0_SECRET",
  "OIDC_ISSUER",
  "OIDC_CLIENT_ID",
  "OIDC_CLIENT_SECRET",
  "OIDC_SECRET",
  "OIDC_SCOPES",
  "OIDC_AUDIENCE",
  "OIDC_TOKEN_AUTH_METHOD",
  "APP_BASE_URL",
  "APP_ROUTER_URL",
  "PAGES_ROUTER_URL",
];

function stubEnv(values: Record<string, string | undefined>) {
  for (const name of UNSET) vi.stubEnv(name, undefined);
  for (const [name, value] of Object.entries(values)) vi.stubEnv(name, value);
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("appEnv on the server", () => {
  it("reads process.env, and links each app to the other (env or default)", () => {
    stubEnv({ ...HOSTED_CLERK, CLERK_JWT_KEY: "-----BEGIN PUBLIC KEY-----" });
    expect(appEnv("app")).toEqual({
      provider: "clerk",
      convexUrl: HOSTED_CLERK.NEXT_PUBLIC_CONVEX_URL,
      clerkPublishableKey: HOSTED_CLERK.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
      clerkProxyUrl: undefined,
      clerkJwtKey: "-----BEGIN PUBLIC KEY-----",
      otherAppUrl: "http://localhost:3001",
    });
    expect(appEnv("pages").otherAppUrl).toBe("http://localhost:3000");
    stubEnv({
      ...HOSTED_CLERK,
      APP_ROUTER_URL: "http://a.test",
      PAGES_ROUTER_URL: "http://p.test",
    });
    expect(appEnv("app").otherAppUrl).toBe("http://p.test");
    expect(appEnv("pages").otherAppUrl).toBe("http://a.test");
  });

  it("fails at start, saying what to set", () => {
    stubEnv({ ...HOSTED_CLERK, CLERK_SECRET_KEY: undefined });
    expect(() => appEnv("app")).toThrow(
      "Missing or invalid environment variables (AUTH_PROVIDER=clerk):\n" +
        "  - CLERK_SECRET_KEY: your Clerk secret key (sk_test_… or sk_live_…)\n",
    );
  });
});

describe("appEnv in the browser bundle", () => {
  it("maps the inlined values, empty as unset, and no server variable", () => {
    stubEnv({
      ...HOSTED_CLERK,
      NEXT_PUBLIC_CLERK_PROXY_URL: "",
      CLERK_JWT_KEY: "-----BEGIN PUBLIC KEY-----",
    });
    expect(browserAppEnv("pages")).toEqual({
      provider: "clerk",
      convexUrl: HOSTED_CLERK.NEXT_PUBLIC_CONVEX_URL,
      clerkPublishableKey: HOSTED_CLERK.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
      clerkProxyUrl: undefined,
      clerkJwtKey: undefined,
      otherAppUrl: "http://localhost:3000",
    });
  });

  it("gives the server's answer for the same values", () => {
    for (const values of [
      { ...HOSTED_CLERK, NEXT_PUBLIC_CLERK_PROXY_URL: "/__clerk" },
      {
        AUTH_PROVIDER: "auth0",
        NEXT_PUBLIC_CONVEX_URL: "http://127.0.0.1:3210",
        NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_test_left_over",
        AUTH0_DOMAIN: "dev-abc.us.auth0.com",
        AUTH0_CLIENT_ID: "client-id",
        AUTH0_CLIENT_SECRET: "client-secret",
        AUTH0_SECRET: "0123456789abcdef0123456789abcdef",
      },
    ]) {
      stubEnv(values);
      for (const router of ["app", "pages"] as const) {
        expect(browserAppEnv(router)).toEqual({ ...appEnv(router), clerkJwtKey: undefined });
      }
    }
  });

  it("still refuses an unknown AUTH_PROVIDER", () => {
    stubEnv({ ...HOSTED_CLERK, AUTH_PROVIDER: "okta" });
    expect(() => browserAppEnv("app")).toThrow(
      'AUTH_PROVIDER must be one of clerk, auth0, oidc (got "okta").',
    );
  });
});
