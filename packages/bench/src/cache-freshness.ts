// Write → cached page fresh (issue 23): a task written to the public list through Convex (as either app's form
// writes it), until that app's /cached serves it. In between: the mutation commits, schedules
// revalidation.notify, which POSTs to the app's /api/revalidate (revalidateTag / res.revalidate), and the next
// request renders from Convex again. Polled every POLL_MS, so a figure is at most that much late.
import { Agent, request } from "node:http";

import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import { ConvexHttpClient } from "convex/browser";

import type { AppId, AppSpec } from "./config";
import { LIMITS } from "./config";
import type { Summary } from "./stats";
import { summarize } from "./stats";

export interface FreshResult {
  app: AppId;
  latency: Summary;
  /** Writes /cached had not served within LIMITS.freshWaitMs. */
  misses: number;
}

const POLL_MS = 10;

function getText(url: string, agent: Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, timeout: LIMITS.requestMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`${url} timed out`)));
    req.on("error", reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds from the write until `url` serves `text`, or null after LIMITS.freshWaitMs. */
async function untilServed(url: string, text: string, agent: Agent, started: number) {
  while (performance.now() - started < LIMITS.freshWaitMs) {
    if ((await getText(url, agent)).includes(text)) return performance.now() - started;
    await sleep(POLL_MS);
  }
  return null;
}

export async function measureFreshness(
  convexUrl: string,
  apps: AppSpec[],
  runs: number,
  deadline: number,
): Promise<FreshResult[]> {
  const convex = new ConvexHttpClient(convexUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: Record<AppId, number[]> = { app: [], pages: [] };
  const misses: Record<AppId, number> = { app: 0, pages: 0 };
  try {
    for (let i = 0; i < runs && performance.now() < deadline; i++) {
      // Alternating which app goes first, so neither always measures right after the other's write.
      for (const app of i % 2 === 0 ? apps : [...apps].reverse()) {
        const text = `Freshness check ${app.id} ${i} ${crypto.randomUUID().slice(0, 8)}`;
        const url = `${app.url}/cached`;
        const started = performance.now();
        const id = await convex.mutation(api.tasks.create, { text, list: DEFAULT_LIST });
        const latency = await untilServed(url, text, agent, started);
        if (latency === null) misses[app.id]++;
        else latencies[app.id].push(latency);
        // Removed again (another revalidation), and given time to settle before the next write.
        await convex.mutation(api.tasks.remove, { id });
        await sleep(200);
      }
    }
  } finally {
    agent.destroy();
  }
  return apps.map((app) => ({
    app: app.id,
    latency: summarize(latencies[app.id]),
    misses: misses[app.id],
  }));
}
