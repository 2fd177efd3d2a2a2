// convex/auth.config.ts: which issuers the deployment trusts, from its env vars, and a clear error otherwise.
import { afterEach, describe, expect, it, vi } from "vitest";

async function loadConfig(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const name of [
    "CLERK_JWT_ISSUER_DOMAIN",
    "AUTH0_DOMAIN",
    "AUTH0_CLIENT_ID",
    "OIDC_ISSUER",
    "OIDC_CLIENT_ID",
  ]) {
    vi.stubEnv(name, env[name]);
  }
  return (await import("../convex/auth.config")).default;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("auth.config", () => {
  it("trusts Clerk's issuer for the convex template (aud convex)", async () => {
    await expect(loadConfig({ CLERK_JWT_ISSUER_DOMAIN: "https://clerk.test" })).resolves.toEqual({
      providers: [{ domain: "https://clerk.test", applicationID: "convex" }],
    });
  });

  it("trusts Auth0's tenant for ID tokens addressed to the Client ID, from a bare hostname", async () => {
    const config = await loadConfig({
      AUTH0_DOMAIN: "dev-abc.us.auth0.com",
      AUTH0_CLIENT_ID: "abc123",
    });
    expect(config.providers).toEqual([
      { domain: "https://dev-abc.us.auth0.com", applicationID: "abc123" },
    ]);
  });

  it("keeps an Auth0 domain given as a URL (the local server is http)", async () => {
    const config = await loadConfig({
      AUTH0_DOMAIN: "http://localhost:4400",
      AUTH0_CLIENT_ID: "local",
    });
    expect(config.providers).toEqual([{ domain: "http://localhost:4400", applicationID: "local" }]);
  });

  it("trusts both issuers when both are configured", async () => {
    const config = await loadConfig({
      CLERK_JWT_ISSUER_DOMAIN: "https://clerk.test",
      AUTH0_DOMAIN: "dev-abc.us.auth0.com",
      AUTH0_CLIENT_ID: "abc123",
    });
    expect(config.providers.map((provider) => provider.applicationID)).toEqual([
      "convex",
      "abc123",
    ]);
  });

  it.each([
    ["AUTH0_CLIENT_ID", { AUTH0_DOMAIN: "dev-abc.us.auth0.com" }],
    ["AUTH0_DOMAIN", { AUTH0_CLIENT_ID: "abc123", CLERK_JWT_ISSUER_DOMAIN: "https://clerk.test" }],
  ])("names %s when Auth0 is half-configured", async (missing, env) => {
    await expect(loadConfig(env)).rejects.toThrow(`missing: ${missing}`);
  });

  it("trusts any OpenID provider's issuer for ID tokens addressed to the app's client ID", async () => {
    const config = await loadConfig({
      OIDC_ISSUER: "https://keycloak.example.com/realms/demo",
      OIDC_CLIENT_ID: "demo-app",
    });
    expect(config.providers).toEqual([
      { domain: "https://keycloak.example.com/realms/demo", applicationID: "demo-app" },
    ]);
  });

  it.each([
    ["OIDC_CLIENT_ID", { OIDC_ISSUER: "https://keycloak.example.com/realms/demo" }],
    ["OIDC_ISSUER", { OIDC_CLIENT_ID: "demo-app", CLERK_JWT_ISSUER_DOMAIN: "https://clerk.test" }],
  ])("names %s when OIDC is half-configured", async (missing, env) => {
    await expect(loadConfig(env)).rejects.toThrow(`missing: ${missing}`);
  });

  it("says how to configure a provider when none is", async () => {
    await expect(loadConfig({})).rejects.toThrow("No auth provider is configured");
  });
});
