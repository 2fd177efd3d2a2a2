// Components across a restart on the same data dir: what a component left in its scheduler (a workpool retry
// waiting out its backoff), its crons and its state (a rate limiter's buckets) carry on in the next server,
// each exactly once; and a stopped server's component jobs stop with it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { makeFunctionReference } from "convex/server";
import { ConvexError } from "convex/values";
import { afterEach, describe, expect, it } from "vitest";

import { Engine } from "../src/engine";
import type { ConvexLocal } from "../src/index";
import { jobs, limits } from "./components-app";
import { componentsApp, httpClient, startAppBackend, tickerApp } from "./support";

const dirs: string[] = [];
const running: ConvexLocal[] = [];
afterEach(async () => {
  for (const local of running.splice(0)) await local.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "convex-local-component-restart-"));
  dirs.push(dir);
  return dir;
}

async function start(functionsDir: string, dir: string): Promise<ConvexLocal> {
  const local = await startAppBackend(functionsDir, dir);
  running.push(local);
  return local;
}

async function stop(local: ConvexLocal): Promise<void> {
  running.splice(running.indexOf(local), 1);
  await local.stop();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("@convex-dev/workpool across a restart", () => {
  const { startSlow, history, status } = jobs;

  it("resumes a retry waiting out its backoff, runs it once and calls onComplete once", async () => {
    const dir = dataDir();
    const job = `j-${crypto.randomUUID()}`;
    const first = await start(componentsApp, dir);
    const client = httpClient(first.url);
    const id = await client.mutation(startSlow, { job, failures: 1 });
    // The first attempt failed and the pool has taken it back: the retry waits (1 to 3 s) in the component.
    await expect
      .poll(() => client.query(status, { id }), { timeout: 10_000, interval: 50 })
      .toMatchObject({ state: "pending", previousAttempts: 1 });
    expect(await client.query(history, { job })).toEqual({ attempts: [1], outcomes: [] });
    await stop(first);

    const second = await start(componentsApp, dir);
    const after = httpClient(second.url);
    await expect
      .poll(() => after.query(history, { job }), { timeout: 20_000, interval: 100 })
      .toEqual({ attempts: [1, 2], outcomes: ["success"] });
    await expect
      .poll(async () => (await after.query(status, { id })).state, { timeout: 10_000 })
      .toBe("finished");
    // Nothing runs it again: not later in this server...
    await sleep(3_500);
    expect(await after.query(history, { job })).toEqual({
      attempts: [1, 2],
      outcomes: ["success"],
    });
    await stop(second);

    // ...nor after another restart.
    const third = await start(componentsApp, dir);
    await sleep(1_000);
    expect(await httpClient(third.url).query(history, { job })).toEqual({
      attempts: [1, 2],
      outcomes: ["success"],
    });
  }, 60_000);
});

describe("a component's cron across a restart", () => {
  const count = makeFunctionReference<"query", Record<string, never>, number>("ticks:count");

  it("keeps its runs and runs again in the next server (1 s interval)", async () => {
    const dir = dataDir();
    const first = await start(tickerApp, dir);
    await expect
      .poll(() => httpClient(first.url).query(count, {}), { timeout: 8_000, interval: 100 })
      .toBeGreaterThanOrEqual(2);
    await stop(first);

    const second = await start(tickerApp, dir);
    const client = httpClient(second.url);
    const kept = await client.query(count, {});
    expect(kept).toBeGreaterThanOrEqual(2);
    await expect
      .poll(() => client.query(count, {}), { timeout: 8_000, interval: 100 })
      .toBeGreaterThanOrEqual(kept + 2);
  }, 30_000);

  it("stops with the engine that ran it", async () => {
    const engine = await Engine.create({ functionsDir: tickerApp, dataDir: null });
    const ticks = async () => {
      const { outcome } = await engine.query("function://ticker;ticks:count", {}, null);
      if (!outcome.ok) throw new Error(outcome.errorMessage);
      return outcome.value as number;
    };
    try {
      await expect.poll(ticks, { timeout: 8_000, interval: 100 }).toBeGreaterThanOrEqual(1);
    } finally {
      engine.close();
    }
    const atClose = await ticks();
    await sleep(2_500);
    expect(await ticks()).toBe(atClose);
  }, 20_000);
});

describe("a component's scheduled call into another component across a restart", () => {
  const scheduleBack = makeFunctionReference<"mutation", { delayMs: number }>("ticks:scheduleBack");
  const backs = makeFunctionReference<"query", Record<string, never>, number>("ticks:backs");

  it("runs the app function the component scheduled by its handle, once, in the app", async () => {
    const dir = dataDir();
    const first = await start(tickerApp, dir);
    await httpClient(first.url).mutation(scheduleBack, { delayMs: 1_000 });
    await stop(first);

    const second = await start(tickerApp, dir);
    const client = httpClient(second.url);
    await expect.poll(() => client.query(backs, {}), { timeout: 5_000, interval: 100 }).toBe(1);
    await sleep(500);
    expect(await client.query(backs, {})).toBe(1);
    // The job's row, as the component's functions and `npx convex data` see it: settled, nothing added.
    const response = await fetch(`${second.url}/api/query`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Convex ${second.adminKey}` },
      body: JSON.stringify({
        path: "_system/cli/tableData",
        componentPath: "ticker",
        args: { table: "_scheduled_functions", paginationOpts: { numItems: 10, cursor: null } },
      }),
    });
    const { value } = (await response.json()) as { value: { page: Record<string, unknown>[] } };
    expect(value.page).toEqual([
      expect.objectContaining({ name: "ticks:back", state: { kind: "success" } }),
    ]);
    expect(Object.keys(value.page[0] ?? {}).sort()).toEqual(
      ["_creationTime", "_id", "args", "completedTime", "name", "scheduledTime", "state"].sort(),
    );
  }, 20_000);
});

describe("@convex-dev/rate-limiter across a restart", () => {
  const { send, trySend, remaining } = limits;

  it("still limits a user who was over the limit, right after the restart", async () => {
    const dir = dataDir();
    const user = `u-${crypto.randomUUID()}`;
    const first = await start(componentsApp, dir);
    const client = httpClient(first.url);
    for (let index = 0; index < 3; index++) await client.mutation(send, { user });
    const refused = await client.mutation(trySend, { user });
    expect(refused.ok).toBe(false);
    await stop(first);

    const second = await start(componentsApp, dir);
    const after = httpClient(second.url);
    // A token every 20 s: well under one is back.
    expect(await after.query(remaining, { user })).toBeLessThan(1);
    const again = await after.mutation(trySend, { user });
    expect(again.ok).toBe(false);
    expect(again.retryAfter).toBeGreaterThan(0);
    expect(again.retryAfter).toBeLessThanOrEqual(20_000);
    await expect(after.mutation(send, { user })).rejects.toBeInstanceOf(ConvexError);
    // Another user's bucket was never touched and is full.
    expect(await after.query(remaining, { user: `${user}-other` })).toBe(3);
  }, 30_000);
});
