// Scheduled functions pending when the server stops run after the next start: on time, or at once when overdue.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { makeFunctionReference } from "convex/server";
import { describe, expect, it } from "vitest";

import { httpClient, startFixtureBackend } from "./support";

const later = makeFunctionReference<"mutation">("ticks:later");
const count = makeFunctionReference<"query", { source: string }, number>("ticks:count");
const jobs = makeFunctionReference<"query", Record<string, never>, { state: string }[]>(
  "ticks:jobs",
);

describe("scheduled functions across a restart", () => {
  it("run pending ones after the restart, each exactly once, overdue ones at once", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "convex-local-"));
    const first = await startFixtureBackend(dataDir);
    const client = httpClient(first.url);
    await client.mutation(later, { source: "overdue", delayMs: 200 });
    await client.mutation(later, { source: "on-time", delayMs: 1500 });
    await first.stop();
    // Both were due in the stopped server's future; let the first one become overdue.
    await new Promise((resolve) => setTimeout(resolve, 400));

    const started = Date.now();
    const second = await startFixtureBackend(dataDir);
    const after = httpClient(second.url);
    await expect
      .poll(() => after.query(count, { source: "overdue" }), { timeout: 5_000, interval: 50 })
      .toBe(1);
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect
      .poll(() => after.query(count, { source: "on-time" }), { timeout: 5_000, interval: 50 })
      .toBe(1);
    await expect
      .poll(() => after.query(jobs, {}), { timeout: 5_000 })
      .toEqual([
        expect.objectContaining({ state: "success" }),
        expect.objectContaining({ state: "success" }),
      ]);
    await second.stop();

    // And not again after another restart.
    const third = await startFixtureBackend(dataDir);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await httpClient(third.url).query(count, { source: "overdue" })).toBe(1);
    expect(await httpClient(third.url).query(count, { source: "on-time" })).toBe(1);
    await third.stop();
  });
});
