// Starts (or reuses) the local Convex backend and local auth server (Clerk's, or Auth0's with AUTH_PROVIDER=auth0),
// and says which env the apps need.
import { join } from "node:path";

import { loadOrCreateAdminKey, spawnConvexLocal } from "@repo/convex-local";

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

/** The local backend's data folder: its documents, env vars and admin key. */
const convexDataDir = (settings: StackSettings) => join(settings.dataDir, "convex");

/**
 * The env an app needs for the local servers, without starting them (e.g. for `next build`). The pair
 * CONVEX_SELF_HOSTED_URL / CONVEX_SELF_HOSTED_ADMIN_KEY points the real `npx convex` CLI at the local backend as a
 * self-hosted deployment; the key is the backend's data dir's (made here first if the backend never ran: it
 * reads the same file).
 */
export async function stackEnv(settings: StackSettings): Promise<Record<string, string>> {
  const { convex, convexSite } = urls(settings);
  return {
    NEXT_PUBLIC_CONVEX_URL: convex,
    NEXT_PUBLIC_CONVEX_SITE_URL: convexSite,
    CONVEX_SELF_HOSTED_URL: convex,
    CONVEX_SELF_HOSTED_ADMIN_KEY: loadOrCreateAdminKey(convexDataDir(settings), "local"),
    AUTH_PROVIDER: settings.authProvider,
    ...(await localAuthServer(settings).appEnv()),
  };
}

async function bothHealthy(settings: StackSettings): Promise<boolean> {
  const [convexUp, authUp] = await Promise.all([
    isHealthy(`${urls(settings).convex}/instance_name`),
    isHealthy(localAuthServer(settings).healthUrl),
  ]);
  return convexUp && authUp;
}

/** Reuses running local servers, or starts them in this process. */
export async function ensureStack(settings: StackSettings): Promise<RunningStack> {
  const notOwned = { env: await stackEnv(settings), owned: false, stop: () => Promise.resolve() };
  if (await bothHealthy(settings)) return notOwned;

  const lock = tryLock(join(settings.dataDir, "stack.lock"));
  if (!lock.acquired) {
    // Another process (the other app, or `pnpm dev` at the root) is starting them: wait for it.
    const up =
      (await waitHealthy(localAuthServer(settings).healthUrl, STARTUP_TIMEOUT_MS)) &&
      (await waitHealthy(`${urls(settings).convex}/instance_name`, STARTUP_TIMEOUT_MS));
    if (!up) {
      throw new Error(
        `Process ${lock.owner} holds ${join(settings.dataDir, "stack.lock")} but the local servers did not come up ` +
          `(is it running them for another AUTH_PROVIDER than ${settings.authProvider}?).`,
      );
    }
    return notOwned;
  }

  try {
    const auth = await localAuthServer(settings).start();
    // Convex runs as a child process that reloads when convex/ changes.
    const convex = await spawnConvexLocal({
      port: settings.convexPort,
      sitePort: settings.convexSitePort,
      dataDir: convexDataDir(settings),
      env: auth.convexEnv,
    }).catch(async (error: unknown) => {
      await auth.stop();
      throw error;
    });
    return {
      env: await stackEnv(settings),
      owned: true,
      stop: async () => {
        await Promise.allSettled([convex.stop(), auth.stop()]);
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
