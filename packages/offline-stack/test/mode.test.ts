import { describe, expect, test } from "vitest";

import { chooseMode, ModeError } from "../src/mode";

const hosted = {
  NEXT_PUBLIC_CONVEX_URL: "https://happy-otter-123.convex.cloud",
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_test_abc",
  CLERK_SECRET_KEY: "sk_test_abc",
};

describe("chooseMode", () => {
  test("no hosted keys: offline", () => {
    expect(chooseMode({})).toBe("offline");
    expect(chooseMode({ NEXT_PUBLIC_CONVEX_URL: "  " })).toBe("offline");
  });

  test("all hosted keys: hosted", () => {
    expect(chooseMode(hosted)).toBe("hosted");
  });

  test.each(Object.keys(hosted))("hosted keys without %s: an error naming it", (name) => {
    const env: Record<string, string> = { ...hosted };
    delete env[name];
    expect(() => chooseMode(env)).toThrow(ModeError);
    expect(() => chooseMode(env)).toThrow(`missing: ${name}`);
  });

  test("a Convex deployment without its URL is half-configured, not offline", () => {
    expect(() => chooseMode({ CONVEX_DEPLOYMENT: "dev:happy-otter-123" })).toThrow(
      "missing: NEXT_PUBLIC_CONVEX_URL, NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY",
    );
  });
});

describe("chooseMode with AUTH_PROVIDER=auth0", () => {
  const auth0 = {
    AUTH_PROVIDER: "auth0",
    NEXT_PUBLIC_CONVEX_URL: "https://happy-otter-123.convex.cloud",
    AUTH0_DOMAIN: "dev-abc.us.auth0.com",
    AUTH0_CLIENT_ID: "abc123",
    AUTH0_CLIENT_SECRET: "secret",
    AUTH0_SECRET: "0123456789abcdef0123456789abcdef",
  };

  test("no hosted keys: offline (the local Auth0-compatible server)", () => {
    expect(chooseMode({ AUTH_PROVIDER: "auth0" })).toBe("offline");
  });

  test("all Auth0 keys, no Clerk key: hosted", () => {
    expect(chooseMode(auth0)).toBe("hosted");
  });

  test.each(Object.keys(auth0).filter((name) => name !== "AUTH_PROVIDER"))(
    "hosted Auth0 without %s: an error naming it",
    (name) => {
      const env: Record<string, string> = { ...auth0 };
      delete env[name];
      expect(() => chooseMode(env)).toThrow(ModeError);
      expect(() => chooseMode(env)).toThrow(`missing: ${name}`);
    },
  );

  test("Clerk keys do not make an Auth0 setup hosted", () => {
    expect(() => chooseMode({ ...hosted, AUTH_PROVIDER: "auth0" })).toThrow(
      "missing: AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET, AUTH0_SECRET",
    );
  });

  test("an unknown provider is an error naming the allowed values", () => {
    expect(() => chooseMode({ AUTH_PROVIDER: "okta" })).toThrow(ModeError);
    expect(() => chooseMode({ AUTH_PROVIDER: "okta" })).toThrow("one of clerk, auth0");
  });
});

describe("chooseMode, self-hosted Convex", () => {
  const selfHosted = {
    CONVEX_SELF_HOSTED_URL: "https://api.my-domain.com",
    CONVEX_SELF_HOSTED_ADMIN_KEY: "convex-self-hosted|01abc",
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_live_abc",
    CLERK_SECRET_KEY: "sk_live_abc",
  };

  test("the pair and the provider's keys: self-hosted, with or without NEXT_PUBLIC_CONVEX_URL", () => {
    expect(chooseMode(selfHosted)).toBe("self-hosted");
    expect(chooseMode({ ...selfHosted, NEXT_PUBLIC_CONVEX_URL: "https://api.my-domain.com" })).toBe(
      "self-hosted",
    );
  });

  test.each(["CONVEX_SELF_HOSTED_URL", "CONVEX_SELF_HOSTED_ADMIN_KEY"])(
    "half the pair (without %s) is an error naming the other half",
    (name) => {
      const env: Record<string, string> = { ...selfHosted };
      delete env[name];
      expect(() => chooseMode(env)).toThrow(ModeError);
      expect(() => chooseMode(env)).toThrow(`missing: ${name}`);
    },
  );

  test("with a cloud deployment too: an error (the CLI refuses the pair)", () => {
    expect(() => chooseMode({ ...selfHosted, CONVEX_DEPLOYMENT: "prod:happy-otter-123" })).toThrow(
      "Both CONVEX_DEPLOYMENT",
    );
  });

  test("the pair with Auth0 needs Auth0's keys, not Clerk's", () => {
    expect(() => chooseMode({ ...selfHosted, AUTH_PROVIDER: "auth0" })).toThrow(
      "missing: AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET, AUTH0_SECRET",
    );
  });
});

describe("chooseMode with AUTH_PROVIDER=oidc", () => {
  const oidc = {
    AUTH_PROVIDER: "oidc",
    NEXT_PUBLIC_CONVEX_URL: "https://happy-otter-123.convex.cloud",
    OIDC_ISSUER: "https://keycloak.example.com/realms/demo",
    OIDC_CLIENT_ID: "demo-app",
    OIDC_CLIENT_SECRET: "secret",
    OIDC_SECRET: "0123456789abcdef0123456789abcdef",
  };

  test("no issuer configured: offline (the local plain OpenID provider)", () => {
    expect(chooseMode({ AUTH_PROVIDER: "oidc" })).toBe("offline");
  });

  test("all OIDC variables: hosted", () => {
    expect(chooseMode(oidc)).toBe("hosted");
  });

  test.each(Object.keys(oidc).filter((name) => name !== "AUTH_PROVIDER"))(
    "hosted OIDC without %s: an error naming it",
    (name) => {
      const env: Record<string, string> = { ...oidc };
      delete env[name];
      expect(() => chooseMode(env)).toThrow(`missing: ${name}`);
    },
  );
});
