// withAuthProvider gives each router's bundle the one @clerk/nextjs provider file its root `ClerkProvider` export
// would pick there (src/next-config.ts). These read the installed SDK, so an SDK upgrade that moves or renames either
// file, or changes how the root export picks, fails here rather than in a build.
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";

import { describe, expect, it } from "vitest";

import { authAliases, clerkProviderFile, withAuthProvider } from "../src/next-config";

const esmDir = dirname(clerkProviderFile("app"));
const read = (file: string) => readFileSync(join(esmDir, file), "utf8");

describe("clerkProviderFile", () => {
  it("App Router: the file the root export resolves to in a Server Component (react-server)", () => {
    const pkg = JSON.parse(read("package.json")) as {
      imports: Record<string, Record<string, string>>;
    };
    expect(pkg.imports["#components"]?.["react-server"]).toBe("./components.server.js");
    expect(clerkProviderFile("app")).toBe(join(esmDir, "components.server.js"));
    expect(read("index.js")).toMatch(/import \* as ComponentsModule from "#components"/);
    expect(read("components.server.js")).toMatch(/export \{\s*ClerkProvider,/);
  });

  it("Pages Router: the provider the root export renders whenever the Pages Router's context is present", () => {
    const file = clerkProviderFile("pages");
    expect(file).toBe(join(esmDir, "pages", "ClerkProvider.js"));
    expect(existsSync(file)).toBe(true);
    // client-boundary/ClerkProvider.js: `router ? PageClerkProvider : ClientClerkProvider`, router from
    // next/compat/router (non-null in the Pages Router, which always provides its RouterContext).
    const boundary = read("client-boundary/ClerkProvider.js");
    expect(boundary).toMatch(
      /import \{ ClerkProvider as PageClerkProvider \} from "\.\.\/pages\/ClerkProvider"/,
    );
    expect(boundary).toMatch(/import \{ useRouter \} from "next\/compat\/router"/);
    expect(boundary).toMatch(/const Provider = router \? PageClerkProvider : ClientClerkProvider;/);
    expect(read("pages/ClerkProvider.js")).toMatch(/export \{\s*ClerkProvider\s*\}/);
  });

  it("is aliased for Clerk builds only; Auth0 builds alias the entries to Auth0's modules", () => {
    for (const router of ["app", "pages"] as const) {
      const clerk = authAliases("clerk", router);
      expect(Object.keys(clerk)).toEqual(["@repo/auth/clerk/nextjs-provider"]);
      expect(isAbsolute(clerk["@repo/auth/clerk/nextjs-provider"] ?? "")).toBe(true);
      const auth0 = authAliases("auth0", router);
      expect(auth0["@repo/auth/provider"]).toBe("@repo/auth/auth0/provider");
      expect(auth0).not.toHaveProperty("@repo/auth/clerk/nextjs-provider");
    }
  });
});

describe("withAuthProvider", () => {
  it("optimizes @clerk/shared's subpath imports in Clerk builds only, keeping the app's own list", () => {
    const app = { experimental: { optimizePackageImports: ["convex/server"] } };
    expect(withAuthProvider(app, "pages", "clerk").experimental?.optimizePackageImports).toEqual([
      "convex/server",
      "@clerk/shared",
    ]);
    expect(withAuthProvider(app, "app", "auth0").experimental?.optimizePackageImports).toEqual([
      "convex/server",
    ]);
  });
});
