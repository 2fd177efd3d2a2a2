// Turns one run into what a reader compares: Markdown tables and chart panels, each with Pages/App ratios.
import type { RouteBundle } from "./bundle-size";
import type { FreshResult } from "./cache-freshness";
import type { AppId } from "./config";
import { APPS, CONTROL_PATH, FLOOR_CONTROL_KEY, FLOORS } from "./config";
import { formatBytes, goalsTable } from "./goals";
import type { LiveResult } from "./live-update";
import { commitLabel } from "./provenance";
import type { Paired, Results } from "./results";
import type { PackageShare } from "./source-map-attribution";
import { formatKb, formatMs, formatRatio } from "./stats";
import type { Panel } from "./svg-chart";

const NA = Number.NaN;

function row(cells: string[]): string {
  return `| ${cells.join(" | ")} |`;
}

function table(head: string[], rows: string[][]): string {
  return [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");
}

/** One table row per metric: both absolute values and the ratio. */
function metricRow<T>(
  pair: Paired<T>,
  metric: string,
  value: (side: T) => number,
  format: (n: number) => string,
): string[] {
  const app = pair.app === null ? NA : value(pair.app);
  const pages = pair.pages === null ? NA : value(pair.pages);
  return [pair.page, metric, format(app), format(pages), formatRatio(pages, app)];
}

const rps = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)}/s` : "n/a");
const seconds = (ms: number | undefined) =>
  ms === undefined ? "n/a" : `${(ms / 1000).toFixed(0)} s`;
const count = (n: number) => (Number.isFinite(n) ? String(n) : "n/a");

function liveSide(live: LiveResult[], to: AppId): LiveResult | undefined {
  return live.find((result) => result.to === to);
}

export function toMarkdown(results: Results): string {
  const { machine, sizes } = results;
  const head = ["Page", "Metric", APPS.app.label, APPS.pages.label, "Pages/App"];
  const out: string[] = [
    "# Router comparison benchmark",
    "",
    `Run ${machine.date} on ${machine.cpu} (${machine.cores} cores), ${machine.memoryGiB} GiB RAM, ` +
      `${machine.os}, Node ${machine.node}, ${machine.chromium}, Next ${machine.next}. ` +
      `Whole run ${(results.durationMs / 1000).toFixed(0)} s, builds included ` +
      `(App Router ${seconds(results.buildMs.app)}, Pages Router ${seconds(results.buildMs.pages)}, ` +
      `floors ${seconds(results.buildMs["floor-app"])} and ${seconds(results.buildMs["floor-pages"])}).`,
    "",
    `Measured ${commitLabel(results.commit)}${results.commit === null ? "" : ` (\`${results.commit.sha}\`)`}.`,
    "",
    "Production builds (`next build` + `next start`) on the local Convex and Clerk servers, everything on one " +
      "machine over loopback. **Pages/App** is the Pages Router number divided by the App Router number: for times " +
      "and sizes above 1× means the Pages Router is slower or ships more; for requests/s above 1× means it serves more.",
    "",
    "## Goals",
    "",
    "Each figure with its verdict against the goal. The floor is a bare page of the same router on the same Next " +
      "and React (no Convex, no auth), built and measured in this run; the control is `/control`, each app's " +
      "layout rendered per request with no Convex call.",
    "",
    goalsTable(results),
    "",
    `## Server: ${sizes.requests} requests per page per app at concurrency ${sizes.concurrency}`,
    "",
    `After ${sizes.warmupRequests} warm-up requests each; the apps alternate in rounds (App, Pages, Pages, App) so ` +
      "drift hits both. TTFB is the first body byte; full response is the last.",
    "",
    table(
      head,
      results.server.flatMap((pair) => [
        metricRow(pair, "TTFB p50", (s) => s.ttfb.p50, formatMs),
        metricRow(pair, "TTFB p95", (s) => s.ttfb.p95, formatMs),
        metricRow(pair, "First data byte p50", (s) => s.firstData.p50, formatMs),
        metricRow(pair, "First data byte p95", (s) => s.firstData.p95, formatMs),
        metricRow(pair, "Full response p50", (s) => s.total.p50, formatMs),
        metricRow(pair, "Full response p95", (s) => s.total.p95, formatMs),
        metricRow(pair, "Requests/s", (s) => s.requestsPerSecond, rps),
        metricRow(pair, "Errors", (s) => s.errors, count),
      ]),
    ),
    "",
    "Where the TTFB goes (p50): the floor's control is a bare page rendered per request with no layout and no " +
      "middleware, the router's own cost; the apps' `/control` adds their layout and middleware; `/preloaded` adds " +
      "the page's Convex query and its rendering.",
    "",
    ttfbBreakdown(results),
    "",
    `## Browser: ${sizes.browserRuns} loads per page per app (headless Chromium, fresh context each)`,
    "",
    "Data visible: the page's task list is in the DOM and the page has painted. Hydrated: React has attached to the " +
      "page's interactive element (the task form's button; the heading where there is no form).",
    "",
    table(
      head,
      results.browser.flatMap((pair) => [
        metricRow(pair, "Data visible p50", (s) => s.dataVisible.p50, formatMs),
        metricRow(pair, "Data visible p95", (s) => s.dataVisible.p95, formatMs),
        metricRow(pair, "Hydrated p50", (s) => s.interactive.p50, formatMs),
        metricRow(pair, "Hydrated p95", (s) => s.interactive.p95, formatMs),
      ]),
    ),
    "",
    `## Live update: ${sizes.liveRuns} mutations each way`,
    "",
    "A task added through one app's /preloaded form until it is rendered in the other app's /preloaded page.",
    "",
  ];
  const inPages = liveSide(results.live, "pages");
  const inApp = liveSide(results.live, "app");
  const liveRow = (
    metric: string,
    value: (r: LiveResult) => number,
    format: (n: number) => string,
  ) => {
    const app = inApp === undefined ? NA : value(inApp);
    const pages = inPages === undefined ? NA : value(inPages);
    return [metric, format(app), format(pages), formatRatio(pages, app)];
  };
  out.push(
    table(
      [
        "Metric",
        "Seen in App Router (sent from Pages)",
        "Seen in Pages Router (sent from App)",
        "Pages/App",
      ],
      [
        liveRow("Latency p50", (r) => r.latency.p50, formatMs),
        liveRow("Latency p95", (r) => r.latency.p95, formatMs),
        liveRow("Samples", (r) => r.latency.count, count),
        liveRow("Missed (not seen in time)", (r) => r.misses, count),
      ],
    ),
    "",
    `## Cached page: a write until \`/cached\` serves it, ${sizes.freshRuns} writes per app`,
    "",
    "A task written through Convex (as either app's form writes it), until the app's `/cached` serves it: the " +
      "mutation schedules `revalidation.notify`, which POSTs to the app's `/api/revalidate` (App Router " +
      "`revalidateTag`, Pages Router `res.revalidate`), and the next request renders fresh data. `/cached` is " +
      `polled every 10 ms.`,
    "",
    table(
      ["Metric", APPS.app.label, APPS.pages.label, "Pages/App"],
      (
        [
          ["Write → fresh p50", (f) => f.latency.p50, formatMs],
          ["Write → fresh p95", (f) => f.latency.p95, formatMs],
          ["Samples", (f) => f.latency.count, count],
          ["Missed (not fresh in time)", (f) => f.misses, count],
        ] satisfies [string, (f: FreshResult) => number, (n: number) => string][]
      ).map(([metric, value, format]) => {
        const side = (id: AppId) => results.fresh.find((f) => f.app === id);
        const app = side("app");
        const pages = side("pages");
        const a = app === undefined ? NA : value(app);
        const b = pages === undefined ? NA : value(pages);
        return [metric, format(a), format(b), formatRatio(b, a)];
      }),
    ),
    "",
    "## JavaScript shipped per route (first load)",
    "",
    `Method: ${results.bundleMethod}.`,
    "",
    table(
      head,
      results.bundles.flatMap((pair) => [
        metricRow(pair, "Next chunks (gzip)", (s: RouteBundle) => s.nextBytes, formatKb),
        metricRow(pair, "clerk-js (gzip)", (s: RouteBundle) => s.clerkJsBytes, formatKb),
        metricRow(pair, "@clerk/ui (gzip)", (s: RouteBundle) => s.clerkUiBytes, formatKb),
        metricRow(pair, "Other scripts (gzip)", (s: RouteBundle) => s.otherBytes, formatKb),
        metricRow(pair, "Script files", (s: RouteBundle) => s.scripts, count),
      ]),
    ),
    "",
    "Floor: the same measurement of a bare page (`/`) of each router, no Convex and no auth.",
    "",
    table(
      ["Floor", "Next chunks (gzip)", "Other scripts (gzip)", "Script files"],
      (["app", "pages"] as const).map((id) => {
        const floor = results.floor[id];
        return [
          FLOORS[id].label,
          formatBytes(floor?.nextBytes ?? null),
          formatBytes(
            floor === null ? null : floor.clerkJsBytes + floor.clerkUiBytes + floor.otherBytes,
          ),
          count(floor?.scripts ?? NA),
        ];
      }),
    ),
    "",
  );
  out.push(...attributionSection(results));
  if (results.problems.length > 0) {
    out.push("## Problems in this run", "", ...results.problems.map((p) => `- ${p}`), "");
  }
  return out.join("\n");
}

/** Per router: floor control → app control → /preloaded TTFB p50, each step's increase. */
export function ttfbBreakdown(results: Results): string {
  const p50 = (path: string, id: AppId) =>
    results.server.find((pair) => pair.path === path)?.[id]?.ttfb.p50 ?? NA;
  const steps = [
    { label: "Floor control (bare page, per request)", path: FLOOR_CONTROL_KEY },
    { label: "`/control` (+ layout and middleware)", path: CONTROL_PATH },
    { label: "`/preloaded` (+ Convex query and its rendering)", path: "/preloaded" },
  ];
  const cell = (id: AppId, index: number) => {
    const step = steps[index];
    const before = steps[index - 1];
    if (step === undefined) return "n/a";
    const value = p50(step.path, id);
    if (before === undefined) return formatMs(value);
    const added = value - p50(before.path, id);
    return `${formatMs(value)} (${Number.isFinite(added) && added >= 0 ? "+" : ""}${formatMs(added)})`;
  };
  return table(
    ["TTFB p50", APPS.app.label, APPS.pages.label],
    steps.map((step, index) => [step.label, cell("app", index), cell("pages", index)]),
  );
}

function panelRows<T>(pairs: Paired<T>[], value: (side: T) => number) {
  return pairs.map((pair) => ({
    label: pair.page,
    app: pair.app === null ? null : value(pair.app),
    pages: pair.pages === null ? null : value(pair.pages),
  }));
}

export function chartPanels(results: Results): Panel[] {
  const inApp = liveSide(results.live, "app");
  const inPages = liveSide(results.live, "pages");
  return [
    {
      title: "Server: full response p50 (lower is better)",
      unit: "ms",
      rows: panelRows(results.server, (s) => s.total.p50),
    },
    {
      title: "Server: TTFB p50 (lower is better)",
      unit: "ms",
      rows: panelRows(results.server, (s) => s.ttfb.p50),
    },
    {
      title: `Server: requests/s at concurrency ${results.sizes.concurrency} (higher is better)`,
      unit: "/s",
      rows: panelRows(results.server, (s) => s.requestsPerSecond),
    },
    {
      title: "Browser: data visible p50 (lower is better)",
      unit: "ms",
      rows: panelRows(results.browser, (s) => s.dataVisible.p50),
    },
    {
      title: "Browser: hydrated p50 (lower is better)",
      unit: "ms",
      rows: panelRows(results.browser, (s) => s.interactive.p50),
    },
    {
      title: "Live update: mutation in the other app → visible here (lower is better)",
      unit: "ms",
      rows: [
        { label: "p50", app: inApp?.latency.p50 ?? null, pages: inPages?.latency.p50 ?? null },
        { label: "p95", app: inApp?.latency.p95 ?? null, pages: inPages?.latency.p95 ?? null },
      ],
    },
    {
      title: "First-load JS, Next chunks, gzip (lower is better)",
      unit: "kB",
      rows: panelRows(results.bundles, (s) => s.nextBytes / 1024),
    },
  ];
}

export function chartSubtitle(results: Results): string {
  const m = results.machine;
  return `${m.date.slice(0, 16).replace("T", " ")} UTC · ${commitLabel(results.commit)} · ${m.cpu} (${m.cores} cores) · ${m.memoryGiB} GiB · Node ${m.node} · Next ${m.next} · production builds, loopback`;
}

/** How many packages the attribution table lists (the rest are summed in one row). */
const ATTRIBUTION_ROWS = 20;

/** `/preloaded`'s Next chunks by package, App vs Pages: what the App bundle carries that the Pages one does not. */
export function attributionSection(results: Results): string[] {
  const pair = results.attribution;
  if (pair === null) return [];
  const byName = (side: PackageShare[] | null) =>
    new Map((side ?? []).map((share) => [share.name, share.gzipBytes]));
  const app = byName(pair.app);
  const pages = byName(pair.pages);
  const names = [...new Set([...app.keys(), ...pages.keys()])].sort(
    (a, b) => (app.get(b) ?? 0) - (app.get(a) ?? 0),
  );
  const cell = (bytes: number | undefined) => formatBytes(bytes ?? 0);
  const rows = names
    .slice(0, ATTRIBUTION_ROWS)
    .map((name) => [
      `\`${name}\``,
      cell(app.get(name)),
      cell(pages.get(name)),
      formatBytes((app.get(name) ?? 0) - (pages.get(name) ?? 0)),
    ]);
  const rest = names.slice(ATTRIBUTION_ROWS);
  if (rest.length > 0) {
    const sum = (map: Map<string, number>) =>
      rest.reduce((total, name) => total + (map.get(name) ?? 0), 0);
    rows.push([
      `${rest.length} more`,
      cell(sum(app)),
      cell(sum(pages)),
      formatBytes(sum(app) - sum(pages)),
    ]);
  }
  return [
    "## Where `/preloaded`'s Next chunks come from (source maps)",
    "",
    "Each first-load Next chunk's source map attributes its bytes to the modules they were compiled from, grouped " +
      "by package; a package's gzip size is estimated as its share of the chunk's raw bytes × the chunk's gzip " +
      "size (gzip does not split exactly by module). Largest in the App Router first.",
    "",
    table(
      [
        "Package",
        `${APPS.app.label} (gzip, est.)`,
        `${APPS.pages.label} (gzip, est.)`,
        "App − Pages",
      ],
      rows,
    ),
    "",
  ];
}
