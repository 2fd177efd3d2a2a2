// Starts (or reuses) the local Convex backend and local Clerk server, and says which env the apps need.
import { join } from "node:path";

import { clerkAppEnv, startClerkLocal } from "@repo/clerk-local";
import { spawnConvexLocal } from "@repo/convex-local";

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
    clerk: `http://127.0.0.1:${settings.clerkPort}`,
  };
}

/** The env an app needs for the local servers, without starting them (e.g. for `next build`). */
export function stackEnv(settings: StackSettings): Record<string, string> {
  const { convex, convexSite, clerk } = urls(settings);
  return {
    NEXT_PUBLIC_CONVEX_URL: convex,
    NEXT_PUBLIC_CONVEX_SITE_URL: convexSite,
    ...clerkAppEnv({ url: clerk, dataDir: join(settings.dataDir, "clerk") }),
  };
}

async function bothHealthy(settings: StackSettings): Promise<boolean> {
  const { convex, clerk } = urls(settings);
  const [convexUp, clerkUp] = await Promise.all([
    isHealthy(`${convex}/instance_name`),
    isHealthy(`${clerk}/health`),
  ]);
  return convexUp && clerkUp;
}

/** Reuses running local servers, or starts them in this process. */
export async function ensureStack(settings: StackSettings): Promise<RunningStack> {
  const notOwned = { env: stackEnv(settings), owned: false, stop: () => Promise.resolve() };
  if (await bothHealthy(settings)) return notOwned;

  const lock = tryLock(join(settings.dataDir, "stack.lock"));
  if (!lock.acquired) {
    // Another process (the other app, or `pnpm dev` at the root) is starting them: wait for it.
    const { convex, clerk } = urls(settings);
    const up =
      (await waitHealthy(`${clerk}/health`, STARTUP_TIMEOUT_MS)) &&
      (await waitHealthy(`${convex}/instance_name`, STARTUP_TIMEOUT_MS));
    if (!up) {
      throw new Error(
        `Process ${lock.owner} holds ${join(settings.dataDir, "stack.lock")} but the local servers did not come up.`,
      );
    }
    return notOwned;
  }

  try {
    const clerk = await startClerkLocal({
      port: settings.clerkPort,
      dataDir: join(settings.dataDir, "clerk"),
    });
    // Convex runs as a child process that reloads when convex/ changes.
    const convex = await spawnConvexLocal({
      port: settings.convexPort,
      sitePort: settings.convexSitePort,
      dataDir: join(settings.dataDir, "convex"),
      env: { CLERK_JWT_ISSUER_DOMAIN: clerk.issuer },
    });
    return {
      env: stackEnv(settings),
      owned: true,
      stop: async () => {
        await Promise.allSettled([convex.stop(), clerk.stop()]);
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
