// Starts (or reuses) the local Convex backend and local auth server (Clerk's, or Auth0's with AUTH_PROVIDER=auth0),
// and says which env the apps need.
import { join } from "node:path";

import { spawnConvexLocal } from "@repo/convex-local";

import type { LocalAuthServer } from "./auth-server";
import { localAuthServer } from "./auth-server";
import type { StackSettings } from "./env";
import { isHealthy, waitHealthy } from "./health";
import { tryLock } from "./lock";

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

async function envFor(
  settings: StackSettings,
  auth: LocalAuthServer,
): Promise<Record<string, string>> {
  const { convex, convexSite } = urls(settings);
  return {
    NEXT_PUBLIC_CONVEX_URL: convex,
    NEXT_PUBLIC_CONVEX_SITE_URL: convexSite,
    AUTH_PROVIDER: settings.authProvider,
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
 */
export async function ensureStack(settings: StackSettings): Promise<RunningStack> {
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
    // Convex runs as a child process that reloads when convex/ changes.
    const convex = await spawnConvexLocal({
      port: settings.convexPort,
      sitePort: settings.convexSitePort,
      dataDir: join(settings.dataDir, "convex"),
      env: started.convexEnv,
    }).catch(async (error: unknown) => {
      await started.stop();
      throw error;
    });
    return {
      env,
      owned: true,
      stop: async () => {
        await Promise.allSettled([convex.stop(), started.stop()]);
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
