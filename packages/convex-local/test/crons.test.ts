// crons.ts jobs run locally on their schedules; a job that cannot run is named at start-up.
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { nextRunAfter } from "../src/crons";
import type { ConvexLocal } from "../src/index";
import { httpClient, startFixtureBackend } from "./support";

const count = makeFunctionReference<"query", { source: string }, number>("ticks:count");

let backend: ConvexLocal;
beforeAll(async () => {
  backend = await startFixtureBackend();
});
afterAll(async () => {
  await backend.stop();
});

describe("crons.ts", () => {
  it("runs an interval job again and again (1 s interval, observed for at most 6 s)", async () => {
    const client = httpClient(backend.url);
    await expect
      .poll(() => client.query(count, { source: "cron" }), { timeout: 6_000, interval: 200 })
      .toBeGreaterThanOrEqual(2);
  });

  it("lists the jobs it runs and names the one it cannot run, with why", () => {
    expect(backend.crons.running).toEqual([
      expect.stringMatching(/^heartbeat -> ticks:record \(interval/),
      expect.stringMatching(/^weekly report -> ticks:record \(weekly/),
      expect.stringMatching(/^nightly -> ticks:record \(cron/),
    ]);
    expect(backend.crons.notRunning).toEqual([
      expect.stringMatching(
        /^digest -> messages:count .*a query, but crons run mutations and actions/,
      ),
    ]);
  });

  it("computes the next run of each schedule in UTC", () => {
    const from = Date.parse("2026-01-30T10:20:00Z"); // a Friday
    const next = (schedule: Record<string, unknown> & { type: string }) =>
      new Date(nextRunAfter(schedule, from)).toISOString();
    expect(next({ type: "interval", minutes: 5 })).toBe("2026-01-30T10:25:00.000Z");
    expect(next({ type: "hourly", minuteUTC: 10 })).toBe("2026-01-30T11:10:00.000Z");
    expect(next({ type: "daily", hourUTC: 9 })).toBe("2026-01-31T09:00:00.000Z");
    expect(next({ type: "weekly", dayOfWeek: "monday", hourUTC: 8, minuteUTC: 5 })).toBe(
      "2026-02-02T08:05:00.000Z",
    );
    // The 30th is skipped in February, as Convex documents.
    expect(next({ type: "monthly", day: 30, hourUTC: 12 })).toBe("2026-01-30T12:00:00.000Z");
    expect(
      new Date(
        nextRunAfter({ type: "monthly", day: 30, hourUTC: 12 }, Date.parse("2026-01-31T00:00:00Z")),
      ).toISOString(),
    ).toBe("2026-03-30T12:00:00.000Z");
    expect(next({ type: "cron", cron: "*/15 * * * *" })).toBe("2026-01-30T10:30:00.000Z");
    expect(() => next({ type: "cron", cron: "not a cron" })).toThrow();
    expect(() => next({ type: "yearly" })).toThrow(/not supported/);
  });
});
