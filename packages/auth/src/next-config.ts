// Both apps' Next config (`nextAppConfig`), which differs only by router. It picks the auth provider at build time, so each bundle carries one provider's SDK: the package's exports point at
// Clerk's modules (the default), and with AUTH_PROVIDER=auth0 each `@repo/auth/<entry>` import resolves to the
// Auth0 module of the same name instead (Turbopack's resolveAlias for `next build`/`next dev`, webpack's
// resolve.alias for `--webpack`). With Clerk, the app's router also picks which @clerk/nextjs provider file the
// bundle gets (`clerkProviderFile`), so an app never ships the other router's provider.
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, relative } from "node:path";

import type { NextConfig } from "next";

import type { AuthProviderName } from "./provider-name";
import { parseAuthProvider } from "./provider-name";
import type { NextRouterName } from "./router-name";

/** Every entry the apps import; each provider folder has a module of that name with the same exports. */
export const PROVIDER_ENTRIES = [
  "provider",
  "middleware",
  "app-server",
  "pages-server",
  "controls",
  "sign-in-page",
] as const;

/** `@repo/auth/<entry>` → the chosen provider's module, for the non-default provider. */
export function providerAliases(provider: AuthProviderName): Record<string, string> {
  if (provider === "clerk") return {};
  return Object.fromEntries(
    PROVIDER_ENTRIES.map((entry) => [`@repo/auth/${entry}`, `@repo/auth/${provider}/${entry}`]),
  );
}

/** Which router the app uses: each bundles only the Clerk provider of its own router. */
export type { NextRouterName } from "./router-name";

/**
 * The file @clerk/nextjs's root `ClerkProvider` export resolves to in `router`'s bundle. The root export is
 * `#components` (dist/esm/package.json): `components.server.js` under the `react-server` condition, the App
 * Router's root layout, and otherwise `client-boundary/ClerkProvider.js`, which picks at run time between the Pages
 * Router provider and the App Router's (`useRouter()` from next/compat/router is non-null only in the Pages Router)
 * and so bundles both. Importing through the root export also registers every "use client" module the index
 * imports (all UI components and hooks) as client references of the App Router layout. The package's exports map
 * has no subpath for either provider, so the path is resolved here from the installed package.
 */
export function clerkProviderFile(router: NextRouterName): string {
  // The `require` condition's entry, dist/cjs/index.js; the ESM build sits beside it.
  const cjsIndex = createRequire(import.meta.url).resolve("@clerk/nextjs");
  const esm = join(dirname(cjsIndex), "..", "esm");
  return join(esm, router === "app" ? "components.server.js" : "pages/ClerkProvider.js");
}

/** Module aliases (request → request or absolute file) for `router`'s bundle with `provider`'s SDK. */
export function authAliases(
  provider: AuthProviderName,
  router: NextRouterName,
): Record<string, string> {
  if (provider !== "clerk") return providerAliases(provider);
  return { "@repo/auth/clerk/nextjs-provider": clerkProviderFile(router) };
}

/**
 * Turbopack's resolveAlias takes no absolute paths: a file is given relative to the app's folder (`next`'s working
 * directory), "./"-prefixed, as Next rewrites its own absolute config paths for Turbopack (build/swc/index.js).
 */
function turbopackTarget(target: string): string {
  return isAbsolute(target) ? `./${relative(process.cwd(), target)}` : target;
}

interface WebpackConfig {
  resolve?: { alias?: Record<string, unknown> };
}
type WebpackHook = (config: WebpackConfig, context: unknown) => WebpackConfig;

export function withAuthProvider(
  config: NextConfig,
  router: NextRouterName,
  provider: AuthProviderName = parseAuthProvider(process.env.AUTH_PROVIDER),
): NextConfig {
  const aliases = authAliases(provider, router);
  const previousWebpack = config.webpack as WebpackHook | null | undefined;
  return {
    ...config,
    experimental: {
      ...config.experimental,
      optimizePackageImports: [
        ...(config.experimental?.optimizePackageImports ?? []),
        // @clerk/shared's subpath modules (`/telemetry`, `/error`, …) re-export whole chunks: imported directly,
        // the browser bundle keeps what the React SDK calls (e.g. `eventMethodCalled`) and drops the rest, such as
        // the TelemetryCollector only clerk-js uses (2.6 kB gzip).
        ...(provider === "clerk" ? ["@clerk/shared"] : []),
      ],
    },
    // Inlined into server and browser code alike, so the app's env.ts validates the provider it was built for.
    env: { ...config.env, AUTH_PROVIDER: provider },
    turbopack: {
      ...config.turbopack,
      resolveAlias: {
        ...config.turbopack?.resolveAlias,
        ...Object.fromEntries(
          Object.entries(aliases).map(([from, to]) => [from, turbopackTarget(to)]),
        ),
      },
    },
    webpack: (webpackConfig: WebpackConfig, context: unknown) => {
      const result = previousWebpack ? previousWebpack(webpackConfig, context) : webpackConfig;
      const alias = (result.resolve ??= {}).alias ?? {};
      // `$`: exact match only, so `@repo/auth/auth0/provider` itself is not rewritten again.
      for (const [from, to] of Object.entries(aliases)) alias[`${from}$`] = to;
      result.resolve.alias = alias;
      return result;
    },
  };
}

/** Clerk's SDKs, transpiled in the Pages Router's bundle (see nextAppConfig). */
const PAGES_ROUTER_CLERK_SDKS = ["@clerk/nextjs", "@clerk/react", "@clerk/shared"];

/**
 * An app's whole next.config.ts for `router`, as a function of the phase: `app(phase)` adds what only the app can
 * build (its security headers: `next dev` gets the development CSP, React's dev tooling needs eval), and
 * `withAuthProvider` picks the auth provider's modules (one provider's SDK per bundle).
 */
export function nextAppConfig(
  router: NextRouterName,
  app: (phase: string) => NextConfig,
): (phase: string) => NextConfig {
  return (phase) =>
    withAuthProvider(
      {
        ...app(phase),
        // The e2e suite and the benchmark build into their own folders (their local ports are baked into the
        // client bundle), so neither clobbers the other's build or yours.
        distDir: process.env.NEXT_DIST_DIR ?? ".next",
        // The container build (Dockerfile) sets NEXT_OUTPUT=standalone: a self-contained server.js with only the
        // files it needs. Only there, so `next start` keeps working everywhere else.
        ...(process.env.NEXT_OUTPUT === "standalone" ? { output: "standalone" as const } : {}),
        // Set by the benchmark only, which attributes each first-load chunk's bytes to modules by its source map.
        productionBrowserSourceMaps: process.env.NEXT_BROWSER_SOURCE_MAPS === "1",
        // Set by @repo/offline-stack for the e2e and benchmark builds: the `typecheck` task checks these types once.
        typescript: { ignoreBuildErrors: process.env.NEXT_BUILD_SKIP_TYPECHECK === "1" },
        transpilePackages: [
          "@repo/auth",
          "@repo/ui",
          "@repo/convex",
          // Left external, the Pages Router's server would load @clerk/nextjs and @clerk/react in different module
          // formats, giving @repo/ui's hooks a second, empty ClerkProvider context.
          ...(router === "pages" ? PAGES_ROUTER_CLERK_SDKS : []),
        ],
        reactStrictMode: true,
        experimental: {
          // convex/server's index re-exports the whole server API: imported through it, the generated `api`
          // (anyApi) also brought the schema builders, validators and syscall code into the browser bundle
          // (3.7 kB gzip).
          optimizePackageImports: ["convex/server"],
        },
      },
      router,
    );
}
