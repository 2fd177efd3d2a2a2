// `@repo/auth/env` in the browser bundle (package.json's "browser" condition): `appEnv` without the schemas, which
// would add ~15 kB gzip to every Pages Router page (its _app imports the app's env.ts). Nothing is lost: the browser's
// values are constants Next inlined at build time, and next.config.ts validated those same values (env.ts, on the
// server) before the build began. Server-only variables are never in the browser.
import type { AppEnv } from "./env";
import { parseAuthProvider } from "./provider-name";
import type { NextRouterName } from "./router-name";

export type { AuthProviderName } from "./provider-name";
export {
  AUTH_PROVIDERS,
  AuthProviderError,
  HOSTED_AUTH_VARS,
  parseAuthProvider,
} from "./provider-name";
export type { AppEnv, AppEnvInput } from "./env";

/** Empty means unset, as env.ts's schemas treat it. */
const set = (value: string | undefined) => (value === "" ? undefined : value);

export function appEnv(router: NextRouterName): AppEnv {
  const provider = parseAuthProvider(process.env.AUTH_PROVIDER);
  return {
    provider,
    // Checked by the build (env.ts): a missing one stopped `next build` before this bundle existed.
    convexUrl: process.env.NEXT_PUBLIC_CONVEX_URL ?? "",
    clerkPublishableKey:
      provider === "clerk" ? set(process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY) : undefined,
    clerkProxyUrl: set(process.env.NEXT_PUBLIC_CLERK_PROXY_URL),
    clerkJwtKey: undefined,
    // Not NEXT_PUBLIC_*, so never inlined: the browser links to the default, as before.
    otherAppUrl: router === "app" ? "http://localhost:3001" : "http://localhost:3000",
    // Server only, never in the browser.
    revalidateSecret: undefined,
  };
}
