// Picks the auth provider at build time, so each bundle carries one provider's SDK: the package's exports point at
// Clerk's modules (the default), and with AUTH_PROVIDER=auth0 each `@repo/auth/<entry>` import resolves to the
// Auth0 module of the same name instead (Turbopack's resolveAlias for `next build`/`next dev`, webpack's
// resolve.alias for `--webpack`).
import type { NextConfig } from "next";

import type { AuthProviderName } from "./env";
import { parseAuthProvider } from "./env";

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

interface WebpackConfig {
  resolve?: { alias?: Record<string, unknown> };
}
type WebpackHook = (config: WebpackConfig, context: unknown) => WebpackConfig;

export function withAuthProvider(
  config: NextConfig,
  provider: AuthProviderName = parseAuthProvider(process.env.AUTH_PROVIDER),
): NextConfig {
  const aliases = providerAliases(provider);
  const previousWebpack = config.webpack as WebpackHook | null | undefined;
  return {
    ...config,
    // Inlined into server and browser code alike, so the app's env.ts validates the provider it was built for.
    env: { ...config.env, AUTH_PROVIDER: provider },
    turbopack: {
      ...config.turbopack,
      resolveAlias: { ...config.turbopack?.resolveAlias, ...aliases },
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
