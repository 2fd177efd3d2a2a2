// Issues 16's and 23's goals, checked against every run and printed next to the figures they judge.
import type { AppId } from "./config";
import { APPS, CONTROL_PATH } from "./config";
import type { Results } from "./results";
import { formatMs, ratio } from "./stats";

export const GOALS = {
  /** `/preloaded` first-load Next chunks, gzip, at most. */
  preloadedNextBytes: 195_000,
  /** `/preloaded` Next chunks over the bare page of the same router, at most. */
  overFloor: { app: 1.4, pages: 1.55 } satisfies Record<AppId, number>,
  /**
   * `/preloaded` TTFB p50 over `/control` TTFB p50, at most: issue 23's 1.1× (issue 16 asked 1.5×), now that the
   * App Router sends a prerendered shell first and streams the data after it.
   */
  ttfbOverControl: 1.1,
  /** `/cached` TTFB p50 over `/control` TTFB p50, at most (issue 23). */
  cachedOverControl: 1.1,
  /** A write until `/cached` serves it, p95, strictly below (issue 23). */
  freshP95Ms: 1000,
  /** Live update p95 into the app, strictly below. */
  liveP95Ms: 50,
} as const;

const GOAL_PATH = "/preloaded";
const CACHED_PATH = "/cached";

export type Verdict = "met" | "missed" | "n/a";

/** `value` against an upper limit (inclusive unless `strict`); n/a when the value is missing. */
export function verdict(value: number | null, limit: number, strict = false): Verdict {
  if (value === null || !Number.isFinite(value)) return "n/a";
  return (strict ? value < limit : value <= limit) ? "met" : "missed";
}

/** Whole bytes with thousands separators, like the figures ("134,900 B"). */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return "n/a";
  return `${Math.round(bytes).toLocaleString("en-US")} B`;
}

export function formatTimes(value: number | null): string {
  return value === null || !Number.isFinite(value) ? "n/a" : `${value.toFixed(2)}×`;
}

/** A figure with its verdict, e.g. "1.57× (missed)". */
export function judged(text: string, result: Verdict): string {
  return result === "n/a" ? text : `${text} (${result})`;
}

export interface GoalRow {
  measure: string;
  app: string;
  pages: string;
  goal: string;
}

type Cell = (id: AppId) => string;

/** One row per goal: each router's figure, judged, and the goal. */
export function goalRows(results: Results): GoalRow[] {
  const bundle = (id: AppId) =>
    results.bundles.find((pair) => pair.path === GOAL_PATH)?.[id] ?? null;
  const ttfb = (path: string, id: AppId) =>
    results.server.find((pair) => pair.path === path)?.[id]?.ttfb.p50 ?? Number.NaN;
  const row = (measure: string, goal: string, cell: Cell): GoalRow => ({
    measure,
    app: cell("app"),
    pages: cell("pages"),
    goal,
  });
  return [
    row(
      `\`${GOAL_PATH}\` Next chunks (gzip)`,
      `≤ ${formatBytes(GOALS.preloadedNextBytes)}`,
      (id) => {
        const bytes = bundle(id)?.nextBytes ?? null;
        return judged(formatBytes(bytes), verdict(bytes, GOALS.preloadedNextBytes));
      },
    ),
    row(
      `\`${GOAL_PATH}\` Next chunks over the floor (bare page, same router)`,
      `≤ ${formatTimes(GOALS.overFloor.app)} (App), ≤ ${formatTimes(GOALS.overFloor.pages)} (Pages)`,
      (id) => {
        const floor = results.floor[id]?.nextBytes ?? Number.NaN;
        const over = ratio(bundle(id)?.nextBytes ?? Number.NaN, floor);
        return judged(
          `${formatTimes(over)} (floor ${formatBytes(floor)})`,
          verdict(over, GOALS.overFloor[id]),
        );
      },
    ),
    row(
      `\`${GOAL_PATH}\` TTFB p50 over \`${CONTROL_PATH}\` TTFB p50`,
      `≤ ${formatTimes(GOALS.ttfbOverControl)}`,
      (id) => {
        const page = ttfb(GOAL_PATH, id);
        const control = ttfb(CONTROL_PATH, id);
        const over = ratio(page, control);
        return judged(
          `${formatTimes(over)} (${formatMs(page)} / ${formatMs(control)})`,
          verdict(over, GOALS.ttfbOverControl),
        );
      },
    ),
    row("Live update p95 (into this app)", `< ${formatMs(GOALS.liveP95Ms)}`, (id) => {
      const p95 = results.live.find((live) => live.to === id)?.latency.p95 ?? null;
      return judged(formatMs(p95 ?? Number.NaN), verdict(p95, GOALS.liveP95Ms, true));
    }),
    row(
      `\`${CACHED_PATH}\` TTFB p50 over \`${CONTROL_PATH}\` TTFB p50`,
      `≤ ${formatTimes(GOALS.cachedOverControl)}`,
      (id) => {
        const page = ttfb(CACHED_PATH, id);
        const control = ttfb(CONTROL_PATH, id);
        const over = ratio(page, control);
        return judged(
          `${formatTimes(over)} (${formatMs(page)} / ${formatMs(control)})`,
          verdict(over, GOALS.cachedOverControl),
        );
      },
    ),
    row(`Write → \`${CACHED_PATH}\` fresh p95`, `< ${formatMs(GOALS.freshP95Ms)}`, (id) => {
      const fresh = results.fresh.find((side) => side.app === id);
      const p95 = fresh === undefined || fresh.latency.count === 0 ? null : fresh.latency.p95;
      const missed = fresh !== undefined && fresh.misses > 0 ? `, ${fresh.misses} missed` : "";
      return judged(
        `${formatMs(p95 ?? Number.NaN)}${missed}`,
        fresh !== undefined && fresh.misses > 0 ? "missed" : verdict(p95, GOALS.freshP95Ms, true),
      );
    }),
  ];
}

/** The goals as a Markdown table, for latest.md and the README summary. */
export function goalsTable(results: Results): string {
  const rows = goalRows(results).map((r) => `| ${r.measure} | ${r.app} | ${r.pages} | ${r.goal} |`);
  return [
    `| Goal (issues 16, 23) | ${APPS.app.label} | ${APPS.pages.label} | Goal |`,
    "| --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
