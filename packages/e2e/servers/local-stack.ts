// The local Convex backend + Clerk server on the e2e ports, on a freshly wiped data folder.
import { startFreshStack } from "@repo/offline-stack/fresh-stack";

import { env } from "../env";

export interface LocalStack {
  /** What an app needs to use these servers (Convex URL, Clerk keys and proxy). */
  appEnv: Record<string, string>;
  stop: () => Promise<void>;
}

export async function startLocalStack(): Promise<LocalStack> {
  const stack = await startFreshStack({
    dataDir: env.dataDir,
    convexPort: env.ports.convex,
    convexSitePort: env.ports.convexSite,
    clerkPort: env.ports.clerk,
  });
  return { appEnv: stack.env, stop: () => stack.stop() };
}
