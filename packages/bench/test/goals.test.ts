import { describe, expect, it } from "vitest";

import { formatBytes, goalRows, goalsTable, verdict } from "../src/goals";
import { summarize } from "../src/stats";
import { sampleResults } from "./results-fixture";

describe("verdict", () => {
  it("checks an upper limit, inclusive unless strict", () => {
    expect(verdict(1.5, 1.5)).toBe("met");
    expect(verdict(1.51, 1.5)).toBe("missed");
    expect(verdict(50, 50, true)).toBe("missed");
    expect(verdict(49.9, 50, true)).toBe("met");
  });

  it("is n/a without a figure rather than passing", () => {
    expect(verdict(null, 1)).toBe("n/a");
    expect(verdict(Number.NaN, 1)).toBe("n/a");
  });
});

describe("formatBytes", () => {
  it("prints whole bytes with separators", () => {
    expect(formatBytes(134_900.4)).toBe("134,900 B");
    expect(formatBytes(null)).toBe("n/a");
  });
});

describe("goalRows", () => {
  const rows = goalRows(sampleResults());
  const byMeasure = (start: string) => rows.find((row) => row.measure.startsWith(start));

  it("judges /preloaded's Next chunks against 195,000 B", () => {
    const row = rows[0];
    expect(row).toEqual({
      measure: "`/preloaded` Next chunks (gzip)",
      app: "200,000 B (missed)",
      pages: "150,000 B (met)",
      goal: "≤ 195,000 B",
    });
  });

  it("divides by the floor of the same router and applies that router's limit", () => {
    const row = byMeasure("`/preloaded` Next chunks over the floor");
    expect(row?.app).toBe("1.48× (floor 134,900 B) (missed)");
    expect(row?.pages).toBe("1.33× (floor 112,800 B) (met)");
    expect(row?.goal).toBe("≤ 1.40× (App), ≤ 1.55× (Pages)");
  });

  it("divides /preloaded's TTFB p50 by /control's", () => {
    const row = byMeasure("`/preloaded` TTFB p50 over `/control`");
    expect(row?.app).toBe("2.00× (60 ms / 30 ms) (missed)");
    // Issue 23's 1.1× limit: 1.5× no longer passes.
    expect(row?.pages).toBe("1.50× (45 ms / 30 ms) (missed)");
  });

  it("divides /cached's TTFB p50 by /control's against 1.1×", () => {
    const row = byMeasure("`/cached` TTFB p50 over `/control`");
    expect(row?.app).toBe("1.00× (30 ms / 30 ms) (met)");
    expect(row?.pages).toBe("1.20× (36 ms / 30 ms) (missed)");
    expect(row?.goal).toBe("≤ 1.10×");
  });

  it("needs write → /cached fresh p95 strictly below 1 s, and any miss fails it", () => {
    const row = byMeasure("Write → `/cached` fresh p95");
    expect(row?.app).toMatch(/^\d+ ms \(met\)$/);
    expect(row?.pages).toMatch(/\(missed\)$/);
    const results = sampleResults();
    results.fresh = [{ app: "app", latency: summarize([100]), misses: 1 }];
    expect(goalRows(results).find((r) => r.measure.startsWith("Write"))?.app).toBe(
      "100 ms, 1 missed (missed)",
    );
  });

  it("needs live update p95 strictly below 50 ms", () => {
    const row = byMeasure("Live update p95");
    expect(row?.app).toBe("20 ms (met)");
    expect(row?.pages).toBe("50 ms (missed)");
  });

  it("says n/a when a run lacks the floor or the control instead of inventing a ratio", () => {
    const results = sampleResults();
    results.floor = { app: null, pages: null };
    results.server = results.server.filter((pair) => pair.path !== "/control");
    const partial = goalRows(results);
    expect(partial[1]?.app).toBe("n/a (floor n/a)");
    expect(partial[2]?.pages).toBe("n/a (45 ms / n/a)");
  });

  it("renders as one Markdown table row per goal", () => {
    const lines = goalsTable(sampleResults()).split("\n");
    expect(lines).toHaveLength(2 + rows.length);
    expect(lines[0]).toBe("| Goal (issues 16, 23) | App Router | Pages Router | Goal |");
  });
});
