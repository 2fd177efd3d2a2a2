// Tells the apps that cached public data changed: a mutation that writes a public list schedules `notify`, which
// POSTs to each app's revalidation endpoint (App Router: revalidateTag; Pages Router: res.revalidate). Runs after the
// mutation commits (the scheduler only runs it then), so the apps re-read data that is already there.
//
// Configured from the deployment's env, never from code: REVALIDATE_SECRET (the secret the apps share) and
// REVALIDATE_URLS (the apps' origins, comma-separated). Offline, the local stack sets both; hosted, set them with
// `npx convex env set`. With either unset nothing is sent, and the cached pages refresh on their time limit only.
import { v } from "convex/values";

import { REVALIDATE_PATH } from "../shared/revalidation";
import { internal } from "./_generated/api";
import type { MutationCtx } from "./_generated/server";
import { internalAction } from "./_generated/server";
import { revalidationEnv } from "./env";

/** How long one app may take to answer before it is given up on (the next write tries again). */
const APP_TIMEOUT_MS = 5_000;

const resultValidator = v.object({
  url: v.string(),
  status: v.union(v.number(), v.null()),
  error: v.optional(v.string()),
});

/** The apps' revalidation endpoints from REVALIDATE_URLS: each origin once, malformed entries skipped. */
export function endpoints(origins: string | undefined): string[] {
  const urls = new Set<string>();
  for (const origin of (origins ?? "").split(",")) {
    const trimmed = origin.trim();
    if (trimmed === "") continue;
    try {
      urls.add(new URL(REVALIDATE_PATH, trimmed).toString());
    } catch {
      console.error(`REVALIDATE_URLS: "${trimmed}" is not a URL; skipped.`);
    }
  }
  return [...urls];
}

/** Asks every app to drop its cached copies of `list`. Reports each app's answer (a failure never throws). */
export const notify = internalAction({
  args: { list: v.string() },
  returns: v.array(resultValidator),
  handler: async (_ctx, args) => {
    const { secret, urls } = revalidationEnv();
    if (secret === undefined || secret === "") return [];
    const body = JSON.stringify({ list: args.list });
    return await Promise.all(
      endpoints(urls).map(async (url) => {
        try {
          const response = await fetch(url, {
            method: "POST",
            headers: { Authorization: `Bearer ${secret}`, "Content-Type": "application/json" },
            body,
            signal: AbortSignal.timeout(APP_TIMEOUT_MS),
          });
          if (!response.ok) console.error(`revalidation: ${url} answered ${response.status}`);
          return { url, status: response.status };
        } catch (error) {
          // An app that is down misses this write's revalidation; its page refreshes on its time limit.
          const message = error instanceof Error ? error.message : String(error);
          console.error(`revalidation: ${url} failed: ${message}`);
          return { url, status: null, error: message };
        }
      }),
    );
  },
});

/** For mutations that changed a public list: the apps' cached pages of it are refreshed once this commits. */
export async function scheduleRevalidation(ctx: MutationCtx, list: string): Promise<void> {
  await ctx.scheduler.runAfter(0, internal.revalidation.notify, { list });
}
