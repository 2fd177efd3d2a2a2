// The few headline numbers the root README shows, rewritten after every full run so the README never quotes
// numbers from a different run than results/latest.md.
import type { RouteBundle } from "./bundle-size";
import { goalsTable } from "./goals";
import type { LoadResult } from "./http-load";
import { commitLabel } from "./provenance";
import type { BrowserResult, Paired, Results } from "./results";
import { formatKb, formatMs, formatRatio } from "./stats";

export const START = "<!-- bench:results:start -->";
export const END = "<!-- bench:results:end -->";

const NA = Number.NaN;

function line<T>(
  pair: Paired<T> | undefined,
  label: string,
  value: (side: T) => number,
  format: (n: number) => string,
): string {
  const app = pair?.app == null ? NA : value(pair.app);
  const pages = pair?.pages == null ? NA : value(pair.pages);
  return `| ${label} | ${format(app)} | ${format(pages)} | ${formatRatio(pages, app)} |`;
}

const rps = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)}/s` : "n/a");

export function readmeSummary(results: Results): string {
  const { machine, sizes } = results;
  const server = (path: string) => results.server.find((pair) => pair.path === path);
  const browser = (path: string) => results.browser.find((pair) => pair.path === path);
  const bundle = (path: string) => results.bundles.find((pair) => pair.path === path);
  const liveApp = results.live.find((result) => result.to === "app");
  const livePages = results.live.find((result) => result.to === "pages");
  const live = (p: "p50" | "p95") =>
    `| Live update into the app, ${p} | ${formatMs(liveApp?.latency[p] ?? NA)} | ` +
    `${formatMs(livePages?.latency[p] ?? NA)} | ` +
    `${formatRatio(livePages?.latency[p] ?? NA, liveApp?.latency[p] ?? NA)} |`;
  const rows = [
    "| Measure | App Router | Pages Router | Pages/App |",
    "| --- | --- | --- | --- |",
    line<LoadResult>(
      server("/preloaded"),
      "`/preloaded` response p50",
      (s) => s.total.p50,
      formatMs,
    ),
    line<LoadResult>(
      server("/preloaded"),
      "`/preloaded` requests/s",
      (s) => s.requestsPerSecond,
      rps,
    ),
    line<LoadResult>(
      server("/preloaded"),
      "`/preloaded` TTFB p50 (App Router: the prerendered shell)",
      (s) => s.ttfb.p50,
      formatMs,
    ),
    line<LoadResult>(
      server("/preloaded"),
      "`/preloaded` first data byte p50",
      (s) => s.firstData.p50,
      formatMs,
    ),
    line<LoadResult>(server("/cached"), "`/cached` TTFB p50", (s) => s.ttfb.p50, formatMs),
    line<LoadResult>(server("/control"), "`/control` TTFB p50", (s) => s.ttfb.p50, formatMs),
    line<LoadResult>(
      server("/fetch-query"),
      "`/fetch-query` response p50",
      (s) => s.total.p50,
      formatMs,
    ),
    line<LoadResult>(
      server("/server-auth"),
      "`/server-auth` response p50",
      (s) => s.total.p50,
      formatMs,
    ),
    line<BrowserResult>(
      browser("/preloaded"),
      "`/preloaded` data visible p50",
      (s) => s.dataVisible.p50,
      formatMs,
    ),
    line<BrowserResult>(
      browser("/preloaded"),
      "`/preloaded` hydrated p50",
      (s) => s.interactive.p50,
      formatMs,
    ),
    live("p50"),
    live("p95"),
    line<RouteBundle>(
      bundle("/preloaded"),
      "`/preloaded` first-load JS (gzip, Next chunks)",
      (s) => s.nextBytes,
      formatKb,
    ),
  ];
  return [
    START,
    "",
    `Latest run: ${machine.date.slice(0, 10)}, ${commitLabel(results.commit)}, on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB} GiB), ` +
      `Node ${machine.node}, Next ${machine.next}; ${sizes.requests} requests per page at concurrency ` +
      `${sizes.concurrency}, ${sizes.browserRuns} browser loads per page. Pages/App above 1× means the Pages Router ` +
      "takes longer or ships more (for requests/s: serves more). All numbers, p95s and method: " +
      "[`packages/bench/results/latest.md`](packages/bench/results/latest.md).",
    "",
    ...rows,
    "",
    goalsTable(results),
    "",
    "![Router comparison chart](packages/bench/results/latest.svg)",
    "",
    END,
  ].join("\n");
}

/** `readme` with the text between the markers replaced; an error if the markers are missing. */
export function replaceSummary(readme: string, summary: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`README.md has no ${START} … ${END} section to write the results into.`);
  }
  return readme.slice(0, start) + summary + readme.slice(end + END.length);
}
