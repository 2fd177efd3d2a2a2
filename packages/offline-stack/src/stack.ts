// Starts (or reuses) the local Convex backend and local auth server (Clerk's, or Auth0's with AUTH_PROVIDER=auth0),
// and says which env the apps need.
import { join } from "node:path";

import { loadOrCreateAdminKey, spawnConvexLocal } from "@repo/convex-local";

import type { LocalAuthServer } from "./auth-server";
import { localAuthServer } from "./auth-server";
import { startConvexDev } from "./convex-dev";
import type { StackSettings } from "./env";
import { isHealthy, waitHealthy } from "./health";
import { tryLock } from "./lock";
import { revalidationEnv } from "./revalidation-env";

export interface RunningStack {
  /** Env vars that point an app at the local servers. */
  env: Record<string, string>;
  /** True when this process started the servers (and stops them on exit). */
  owned: boolean;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;

function urls(settings: StackSettings) {
  return {
    convex: `http://127.0.0.1:${settings.convexPort}`,
    convexSite: `http://127.0.0.1:${settings.convexSitePort}`,
  };
}

/** The local backend's data folder: its documents, env vars and admin key. */
const convexDataDir = (settings: StackSettings) => join(settings.dataDir, "convex");

/**
 * The pair CONVEX_SELF_HOSTED_URL / CONVEX_SELF_HOSTED_ADMIN_KEY points the real `npx convex` CLI at the local backend
 * as a self-hosted deployment; the key is the backend's data dir's (made here first if the backend never ran: it
 * reads the same file).
 */
async function envFor(
  settings: StackSettings,
  auth: LocalAuthServer,
): Promise<Record<string, string>> {
  const { convex, convexSite } = urls(settings);
  return {
    NEXT_PUBLIC_CONVEX_URL: convex,
    NEXT_PUBLIC_CONVEX_SITE_URL: convexSite,
    CONVEX_SELF_HOSTED_URL: convex,
    CONVEX_SELF_HOSTED_ADMIN_KEY: loadOrCreateAdminKey(convexDataDir(settings), "local"),
    AUTH_PROVIDER: settings.authProvider,
    ...revalidationEnv(settings).app,
    ...(await auth.appEnv()),
  };
}

/** The env an app needs for the local servers, without starting them (e.g. for `next build`). */
export function stackEnv(settings: StackSettings): Promise<Record<string, string>> {
  return envFor(settings, localAuthServer(settings));
}

/**
 * Reuses running local servers, or starts them in this process. The auth server's settings and the apps' env are
 * worked out once here: the env does not change by starting the servers (their keys are already on disk by then).
 * `convexDev`: the servers started here come with `convex dev` pushing the project's functions (`pnpm dev`); e2e runs
 * and the bench serve the source folder as is.
 */
export async function ensureStack(
  settings: StackSettings,
  options: { convexDev?: boolean } = {},
): Promise<RunningStack> {
  const auth = localAuthServer(settings);
  const convexHealthUrl = `${urls(settings).convex}/instance_name`;
  const env = await envFor(settings, auth);
  const notOwned = { env, owned: false, stop: () => Promise.resolve() };
  const [convexUp, authUp] = await Promise.all([
    isHealthy(convexHealthUrl),
    isHealthy(auth.healthUrl),
  ]);
  if (convexUp && authUp) return notOwned;

  const lock = tryLock(join(settings.dataDir, "stack.lock"));
  if (!lock.acquired) {
    // Another process (the other app, or `pnpm dev` at the root) is starting them: wait for it.
    const up =
      (await waitHealthy(auth.healthUrl, STARTUP_TIMEOUT_MS)) &&
      (await waitHealthy(convexHealthUrl, STARTUP_TIMEOUT_MS));
    if (!up) {
      throw new Error(
        `Process ${lock.owner} holds ${join(settings.dataDir, "stack.lock")} but the local servers did not come up ` +
          `(is it running them for another AUTH_PROVIDER than ${settings.authProvider}?).`,
      );
    }
    return notOwned;
  }

  try {
    const started = await auth.start();
    // Convex runs as a child process; with `convex dev` pushing every change to it, it need not watch convex/.
    const withConvexDev = options.convexDev === true;
    const convex = await spawnConvexLocal({
      port: settings.convexPort,
      sitePort: settings.convexSitePort,
      dataDir: convexDataDir(settings),
      // The auth server's issuer, and where and how Convex tells the apps that cached data changed.
      env: { ...started.convexEnv, ...revalidationEnv(settings).convex },
      oidcDiscovery: started.oidcDiscovery,
      watch: !withConvexDev,
    }).catch(async (error: unknown) => {
      await started.stop();
      throw error;
    });
    const convexDev = withConvexDev
      ? startConvexDev({
          url: convex.url,
          adminKey: loadOrCreateAdminKey(convexDataDir(settings), "local"),
          // `convex dev` runs as from the developer's shell, as in Convex's templates.
          // eslint-disable-next-line no-restricted-properties
          env: process.env,
        })
      : { stop: () => Promise.resolve() };
    return {
      env,
      owned: true,
      stop: async () => {
        await Promise.allSettled([convexDev.stop(), convex.stop(), started.stop()]);
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
