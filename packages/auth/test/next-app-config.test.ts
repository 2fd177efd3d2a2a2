// nextAppConfig(router, app): the one next.config both apps export. The apps differ only by router: the Pages
// Router also transpiles Clerk's SDKs; the rest, and what the app adds per phase, is the same for both.
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD } from "next/constants";
import { afterEach, describe, expect, it, vi } from "vitest";

import { nextAppConfig } from "../src/next-config";

afterEach(() => {
  vi.unstubAllEnvs();
});

const headers = () => Promise.resolve([]);

describe("nextAppConfig", () => {
  it("adds the app's own config for the phase, and picks the provider's modules", () => {
    vi.stubEnv("AUTH_PROVIDER", "auth0");
    const app = vi.fn((phase: string) => ({
      poweredByHeader: phase !== PHASE_DEVELOPMENT_SERVER,
      headers,
    }));
    const config = nextAppConfig("app", app)(PHASE_PRODUCTION_BUILD);
    expect(app).toHaveBeenCalledWith(PHASE_PRODUCTION_BUILD);
    expect(config).toMatchObject({ poweredByHeader: true, headers, reactStrictMode: true });
    expect(config.env).toEqual({ AUTH_PROVIDER: "auth0" });
    expect(config.turbopack?.resolveAlias).toMatchObject({
      "@repo/auth/provider": "@repo/auth/auth0/provider",
    });
    expect(config.experimental?.optimizePackageImports).toEqual(["convex/server"]);
  });

  it("builds Next's standalone server only when NEXT_OUTPUT=standalone (the container build)", () => {
    const output = () => nextAppConfig("app", () => ({}))(PHASE_PRODUCTION_BUILD).output;
    expect(output()).toBeUndefined();
    vi.stubEnv("NEXT_OUTPUT", "standalone");
    expect(output()).toBe("standalone");
    vi.stubEnv("NEXT_OUTPUT", "export");
    expect(output()).toBeUndefined();
  });

  it("transpiles Clerk's SDKs in the Pages Router only", () => {
    const transpiled = (router: "app" | "pages") =>
      nextAppConfig(router, () => ({}))(PHASE_PRODUCTION_BUILD).transpilePackages;
    expect(transpiled("app")).toEqual(["@repo/auth", "@repo/ui", "@repo/convex"]);
    expect(transpiled("pages")).toEqual([
      "@repo/auth",
      "@repo/ui",
      "@repo/convex",
      "@clerk/nextjs",
      "@clerk/react",
      "@clerk/shared",
    ]);
  });

  it("builds into NEXT_DIST_DIR and skips Next's type check when the e2e and bench runners ask", () => {
    const config = () => nextAppConfig("pages", () => ({}))(PHASE_PRODUCTION_BUILD);
    expect(config()).toMatchObject({ distDir: ".next", typescript: { ignoreBuildErrors: false } });
    vi.stubEnv("NEXT_DIST_DIR", ".next-e2e-offline-clerk");
    vi.stubEnv("NEXT_BUILD_SKIP_TYPECHECK", "1");
    expect(config()).toMatchObject({
      distDir: ".next-e2e-offline-clerk",
      typescript: { ignoreBuildErrors: true },
    });
  });
});
