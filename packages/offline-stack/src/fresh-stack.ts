// A local stack for one run of the e2e suite or the benchmark: its own ports, freshly wiped data, never shared
// with a dev server (ensureStack alone would happily reuse one, with whatever data it holds).
import { rmSync } from "node:fs";

import { authPort } from "./auth-server";
import type { StackSettings } from "./env";
import { assertPortsFree } from "./ports";
import type { RunningStack } from "./stack";
import { ensureStack } from "./stack";

export type { ClerkConvexIntegration } from "./env";
export { parseClerkConvexIntegration } from "./env";
export type { StackSettings };

export async function startFreshStack(settings: StackSettings): Promise<RunningStack> {
  await assertPortsFree([settings.convexPort, settings.convexSitePort, authPort(settings)]);
  rmSync(settings.dataDir, { recursive: true, force: true });
  const stack = await ensureStack(settings);
  if (!stack.owned) {
    await stack.stop();
    throw new Error(
      "The local stack on these ports was started by another process; refusing to share it.",
    );
  }
  return stack;
}
