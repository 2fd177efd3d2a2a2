// validateAppEnv: a wrong or missing variable fails at start with a message naming it and how to fix it.
import { describe, expect, it } from "vitest";

import type { AppEnvInput } from "../src/env";
import { validateAppEnv } from "../src/env";

const VALID: AppEnvInput = {
  AUTH_PROVIDER: undefined,
  NEXT_PUBLIC_CONVEX_URL: "https://happy-otter-123.convex.cloud",
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k",
  NEXT_PUBLIC_CLERK_PROXY_URL: undefined,
  CLERK_SECRET_KEY: "sk_test_abc",
  CLERK_JWT_KEY: undefined,
  AUTH0_DOMAIN: undefined,
  AUTH0_CLIENT_ID: undefined,
  AUTH0_CLIENT_SECRET: undefined,
  AUTH0_SECRET: undefined,
  APP_BASE_URL: undefined,
  OIDC_ISSUER: undefined,
  OIDC_CLIENT_ID: undefined,
  OIDC_CLIENT_SECRET: undefined,
  OIDC_SECRET: undefined,
  OIDC_SCOPES: undefined,
  OIDC_AUDIENCE: undefined,
  OIDC_TOKEN_AUTH_METHOD: undefined,
  OTHER_APP_URL: undefined,
  REVALIDATE_SECRET: undefined,
};
/** A complete hosted Auth0 setup, without any Clerk key. */
const AUTH0: Partial<AppEnvInput> = {
  AUTH_PROVIDER: "auth0",
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: undefined,
  CLERK_SECRET_KEY: undefined,
  AUTH0_DOMAIN: "dev-abc.us.auth0.com",
  AUTH0_CLIENT_ID: "client-id",
  AUTH0_CLIENT_SECRET: "client-secret",
  AUTH0_SECRET: "0123456789abcdef0123456789abcdef",
};
/** A complete hosted OIDC setup (e.g. a Keycloak realm), without any Clerk key. */
const OIDC: Partial<AppEnvInput> = {
  AUTH_PROVIDER: "oidc",
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: undefined,
  CLERK_SECRET_KEY: undefined,
  OIDC_ISSUER: "https://keycloak.example.com/realms/demo",
  OIDC_CLIENT_ID: "demo-app",
  OIDC_CLIENT_SECRET: "client-secret",
  OIDC_SECRET: "0123456789abcdef0123456789abcdef",
};
const SERVER = { server: true, defaultOtherApp: "http://localhost:3001" };
const BROWSER = { server: false, defaultOtherApp: "http://localhost:3001" };

/** The message validateAppEnv throws for `input`, or a failure if it does not throw. */
function problem(input: Partial<AppEnvInput>, options = SERVER): string {
  try {
    validateAppEnv({ ...VALID, ...input }, options);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected validateAppEnv to throw");
}

describe("validateAppEnv", () => {
  it("accepts a valid env and fills the defaults", () => {
    expect(validateAppEnv(VALID, SERVER)).toEqual({
      provider: "clerk",
      convexUrl: VALID.NEXT_PUBLIC_CONVEX_URL,
      clerkPublishableKey: VALID.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
      clerkProxyUrl: undefined,
      clerkJwtKey: undefined,
      otherAppUrl: "http://localhost:3001",
      revalidateSecret: undefined,
    });
  });

  it("passes a revalidation secret through on the server only, and refuses a short one", () => {
    const secret = "0123456789abcdef0123456789abcdef";
    expect(validateAppEnv({ ...VALID, REVALIDATE_SECRET: secret }, SERVER).revalidateSecret).toBe(
      secret,
    );
    expect(
      validateAppEnv({ ...VALID, REVALIDATE_SECRET: secret }, BROWSER).revalidateSecret,
    ).toBeUndefined();
    expect(problem({ REVALIDATE_SECRET: "short" })).toContain(
      "REVALIDATE_SECRET: unset, or at least 32 random characters",
    );
    expect(validateAppEnv({ ...VALID, REVALIDATE_SECRET: "" }, SERVER).revalidateSecret).toBe(
      undefined,
    );
  });

  it("accepts a local http Convex URL, live keys, and passes the optional values through", () => {
    const env = validateAppEnv(
      {
        ...VALID,
        NEXT_PUBLIC_CONVEX_URL: "http://127.0.0.1:3210",
        NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_live_abc",
        CLERK_SECRET_KEY: "sk_live_abc",
        NEXT_PUBLIC_CLERK_PROXY_URL: "/__clerk",
        CLERK_JWT_KEY: "-----BEGIN PUBLIC KEY-----",
        OTHER_APP_URL: "http://localhost:4000",
      },
      SERVER,
    );
    expect(env).toMatchObject({
      convexUrl: "http://127.0.0.1:3210",
      clerkProxyUrl: "/__clerk",
      clerkJwtKey: "-----BEGIN PUBLIC KEY-----",
      otherAppUrl: "http://localhost:4000",
    });
  });

  it("treats empty optional values as unset", () => {
    const env = validateAppEnv(
      { ...VALID, NEXT_PUBLIC_CLERK_PROXY_URL: "", CLERK_JWT_KEY: "" },
      SERVER,
    );
    expect(env.clerkProxyUrl).toBeUndefined();
    expect(env.clerkJwtKey).toBeUndefined();
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["not a URL", "happy-otter-123.convex.cloud"],
    ["another scheme", "ws://127.0.0.1:3210"],
  ])("rejects a Convex URL that is %s, naming the variable", (_case, value) => {
    const message = problem({ NEXT_PUBLIC_CONVEX_URL: value });
    expect(message).toContain("NEXT_PUBLIC_CONVEX_URL: your Convex deployment URL");
    expect(message).not.toContain("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY:");
    expect(message).not.toContain("CLERK_SECRET_KEY:");
  });

  it.each([
    ["missing", undefined],
    ["a secret key", "sk_test_abc"],
    ["without its prefix", "Y2xlcmsuZXhhbXBsZS5jb20k"],
  ])("rejects a publishable key that is %s", (_case, value) => {
    const message = problem({ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: value });
    expect(message).toContain("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: your Clerk publishable key");
    expect(message).not.toContain("NEXT_PUBLIC_CONVEX_URL:");
  });

  it("requires the secret key on the server only", () => {
    expect(problem({ CLERK_SECRET_KEY: undefined })).toContain(
      "CLERK_SECRET_KEY: your Clerk secret key",
    );
    expect(problem({ CLERK_SECRET_KEY: "pk_test_abc" })).toContain("CLERK_SECRET_KEY:");
    expect(() => validateAppEnv({ ...VALID, CLERK_SECRET_KEY: undefined }, BROWSER)).not.toThrow();
  });

  it("lists every problem at once and says how to fix them", () => {
    const message = problem({
      NEXT_PUBLIC_CONVEX_URL: undefined,
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: undefined,
      CLERK_SECRET_KEY: undefined,
    });
    expect(message.split("\n")).toEqual([
      "Missing or invalid environment variables (AUTH_PROVIDER=clerk):",
      "  - NEXT_PUBLIC_CONVEX_URL: your Convex deployment URL (https://<name>.convex.cloud)",
      "  - NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: your Clerk publishable key (pk_test_… or pk_live_…)",
      "  - CLERK_SECRET_KEY: your Clerk secret key (sk_test_… or sk_live_…)",
      expect.stringContaining("run `pnpm dev`") as string,
    ]);
    expect(message).toContain(".env.local");
  });
});

describe("validateAppEnv with AUTH_PROVIDER", () => {
  it.each([
    ["unset", undefined],
    ["empty", ""],
  ])("defaults to Clerk when %s", (_case, value) => {
    expect(validateAppEnv({ ...VALID, AUTH_PROVIDER: value }, SERVER).provider).toBe("clerk");
  });

  it.each(["Auth0", "okta", "clerk,auth0"])("rejects %s, naming the allowed values", (value) => {
    expect(() => validateAppEnv({ ...VALID, AUTH_PROVIDER: value }, SERVER)).toThrow(
      `AUTH_PROVIDER must be one of clerk, auth0, oidc (got "${value}").`,
    );
  });

  it("accepts hosted Auth0 without any Clerk key", () => {
    const env = validateAppEnv({ ...VALID, ...AUTH0 }, SERVER);
    expect(env).toMatchObject({ provider: "auth0", clerkPublishableKey: undefined });
  });

  it.each([
    "https://dev-abc.us.auth0.com",
    "https://dev-abc.us.auth0.com/",
    "http://localhost:4400",
    "login.example.com",
  ])("accepts the Auth0 domain %s", (domain) => {
    expect(() =>
      validateAppEnv({ ...VALID, ...AUTH0, AUTH0_DOMAIN: domain }, SERVER),
    ).not.toThrow();
  });

  it("accepts APP_BASE_URL as one URL or a comma-separated list (nextjs-auth0 picks the request's origin)", () => {
    for (const base of ["http://localhost:3000", "http://localhost:3000,http://localhost:3001"]) {
      expect(() =>
        validateAppEnv({ ...VALID, ...AUTH0, APP_BASE_URL: base }, SERVER),
      ).not.toThrow();
    }
  });

  it("names every missing Auth0 variable of a half-configured env, and no Clerk one", () => {
    const message = problem({ ...AUTH0, AUTH0_CLIENT_SECRET: undefined, AUTH0_SECRET: "short" });
    expect(message).toContain("(AUTH_PROVIDER=auth0)");
    expect(message).toContain("AUTH0_CLIENT_SECRET: your Auth0 application's Client Secret");
    expect(message).toContain("AUTH0_SECRET: at least 32 random characters");
    expect(message).not.toContain("AUTH0_DOMAIN:");
    expect(message).not.toContain("AUTH0_CLIENT_ID:");
    expect(message).not.toContain("CLERK");
  });

  it.each([
    ["AUTH0_DOMAIN", "https://dev-abc.us.auth0.com/some/path"],
    ["AUTH0_DOMAIN", ""],
    ["AUTH0_CLIENT_ID", "  "],
    ["APP_BASE_URL", "localhost:3000"],
    ["APP_BASE_URL", "http://localhost:3000,localhost:3001"],
  ])("rejects %s=%j", (name, value) => {
    expect(problem({ ...AUTH0, [name]: value })).toContain(`${name}:`);
  });

  it("needs no Auth0 variable in the browser (the SDK's secrets stay on the server)", () => {
    const env = validateAppEnv(
      { ...VALID, AUTH_PROVIDER: "auth0", NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: undefined },
      BROWSER,
    );
    expect(env.provider).toBe("auth0");
  });
});

describe("validateAppEnv with AUTH_PROVIDER=oidc", () => {
  it("accepts a complete setup without Clerk keys, optional values unset or set", () => {
    expect(validateAppEnv({ ...VALID, ...OIDC }, SERVER).provider).toBe("oidc");
    expect(
      validateAppEnv(
        {
          ...VALID,
          ...OIDC,
          OIDC_SCOPES: "openid email",
          OIDC_AUDIENCE: "https://api.example.com",
          OIDC_TOKEN_AUTH_METHOD: "client_secret_post",
          APP_BASE_URL: "http://localhost:3000,http://localhost:3001",
        },
        SERVER,
      ).provider,
    ).toBe("oidc");
  });

  it("names every missing or malformed variable in one message", () => {
    const message = problem({
      ...OIDC,
      OIDC_ISSUER: "keycloak.example.com",
      OIDC_CLIENT_SECRET: undefined,
      OIDC_SECRET: "short",
      OIDC_SCOPES: "profile email",
      OIDC_TOKEN_AUTH_METHOD: "private_key_jwt",
    });
    expect(message).toContain("AUTH_PROVIDER=oidc");
    expect(message).toContain("OIDC_ISSUER: your OpenID provider's issuer URL");
    expect(message).toContain("OIDC_CLIENT_SECRET: this app's client secret");
    expect(message).toContain("OIDC_SECRET: at least 32 random characters");
    expect(message).toContain("OIDC_SCOPES: space-separated scopes including openid");
    expect(message).toContain("OIDC_TOKEN_AUTH_METHOD: client_secret_basic (the default)");
    expect(message).not.toContain("CLERK");
  });

  it("does not check the server-only variables in the browser", () => {
    expect(validateAppEnv({ ...VALID, ...OIDC, OIDC_SECRET: undefined }, BROWSER).provider).toBe(
      "oidc",
    );
  });
});
