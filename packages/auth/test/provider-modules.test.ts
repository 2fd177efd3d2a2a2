// The package exports one module per provider entry for each provider (the apps import `@repo/auth/<entry>`, and
// src/next-config.ts aliases it to the chosen provider's). That the modules match is provider-modules.test-d.ts.
import { describe, expect, it } from "vitest";

import { PROVIDER_ENTRIES } from "../src/next-config";

describe("the provider entries", () => {
  it("covers every entry the package exports for the apps", async () => {
    const pkg = (await import("../package.json", { with: { type: "json" } })).default as {
      exports: Record<string, string | Record<string, string>>;
    };
    for (const entry of PROVIDER_ENTRIES) {
      expect(pkg.exports[`./${entry}`]).toMatch(new RegExp(`^\\./src/clerk/${entry}\\.tsx?$`));
      for (const provider of ["auth0", "oidc"]) {
        expect(pkg.exports[`./${provider}/${entry}`]).toMatch(
          new RegExp(`^\\./src/${provider}/${entry}\\.tsx?$`),
        );
      }
    }
    const providerEntries = Object.keys(pkg.exports).filter(
      // `./clerk/*`: Clerk's own modules that withAuthProvider aliases per router, not provider entries.
      (key) =>
        !["./env", "./next-config", "./csp", "./server-auth-text", "./server-start"].includes(
          key,
        ) &&
        !key.startsWith("./auth0/") &&
        !key.startsWith("./oidc/") &&
        !key.startsWith("./clerk/"),
    );
    expect(providerEntries.sort()).toEqual(PROVIDER_ENTRIES.map((entry) => `./${entry}`).sort());
  });
});
