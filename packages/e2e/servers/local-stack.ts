// The local Convex backend + Clerk server on the e2e ports, on a freshly wiped data folder.
import { rmSync } from "node:fs";

import { ensureStack, stackEnv } from "@repo/offline-stack";

import { env } from "../env";
import { assertPortFree } from "./ports";

const settings = {
  dataDir: env.dataDir,
  convexPort: env.ports.convex,
  convexSitePort: env.ports.convexSite,
  clerkPort: env.ports.clerk,
};

export interface LocalStack {
  /** What an app needs to use these servers (Convex URL, Clerk keys and proxy). */
  appEnv: Record<string, string>;
  stop: () => Promise<void>;
}

export async function startLocalStack(): Promise<LocalStack> {
  // ensureStack would happily reuse servers left running on these ports, with yesterday's data.
  await Promise.all([env.ports.convex, env.ports.convexSite, env.ports.clerk].map(assertPortFree));
  rmSync(env.dataDir, { recursive: true, force: true });
  const stack = await ensureStack(settings);
  if (!stack.owned) {
    await stack.stop();
    throw new Error("e2e: the local stack was started by another process; refusing to share it.");
  }
  return { appEnv: stackEnv(settings), stop: () => stack.stop() };
}
