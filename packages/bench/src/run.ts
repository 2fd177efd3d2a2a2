// `pnpm bench`: builds both apps for production, serves them on a fresh local stack, measures them side by side
// and writes results/latest.{md,svg,json}. Every phase is bounded in count and time (LIMITS in config.ts).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import type { RunningNextApp } from "@repo/offline-stack/next-app";
import { killAllGroupsNow, stopAllGroups } from "@repo/offline-stack/process-group";
import type { Browser, Cookie } from "playwright-core";
import { format } from "prettier";

import { launchBrowser, loadPage, newContext } from "./browser";
import { BUNDLE_METHOD, routeBundle, scriptKind, scriptUrls } from "./bundle-size";
import { measureFreshness } from "./cache-freshness";
import type { AppId, AppSpec, PageSpec, ServedApp } from "./config";
import {
  APPS,
  DATA_DIR,
  FLOOR_CONTROL,
  FLOOR_CONTROL_KEY,
  FLOOR_PAGE,
  FLOORS,
  FULL,
  LIMITS,
  PAGES,
  QUICK,
  repoRoot,
  resultsDir,
} from "./config";
import type { LoadResult, RoundResult } from "./http-load";
import { combine, loadRound } from "./http-load";
import { measureLiveUpdates } from "./live-update";
import { describeMachine } from "./machine";
import { describeCommit } from "./provenance";
import { readmeSummary, replaceSummary } from "./readme-summary";
import { chartPanels, chartSubtitle, toMarkdown } from "./report";
import type { BrowserResult, Paired, Results } from "./results";
import { seedPrivateTasks, seedPublicTasks } from "./seed";
import type { Stack } from "./servers";
import { assertPortsFree, buildApp, startApp, startStack } from "./servers";
import type { ClerkBackend, Session } from "./session";
import {
  clerkBackend,
  convexToken,
  cookieHeader,
  cookiesWithToken,
  freshSessionToken,
  signIn,
} from "./session";
import type { PackageShare } from "./source-map-attribution";
import { attributeChunks } from "./source-map-attribution";
import { summarize } from "./stats";
import { renderChart } from "./svg-chart";

const sizes = process.argv.includes("--quick") ? QUICK : FULL;
const began = performance.now();
const deadline = began + LIMITS.totalMs;
/** Time kept back at the end for shutting down and writing results. */
const RESERVE_MS = 20_000;
const problems: string[] = [];
const appIds: AppId[] = ["app", "pages"];
/** Set once the stack runs, so a Ctrl-C can stop it too. */
let stopStack: (() => Promise<void>) | null = null;

function log(message: string): void {
  const seconds = ((performance.now() - began) / 1000).toFixed(1).padStart(6);
  console.log(`[bench ${seconds}s] ${message}`);
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const timeLeft = () => deadline - RESERVE_MS - performance.now();

interface Auth {
  clerk: ClerkBackend;
  session: Session;
}

/** Cookies for one request or page load: a freshly minted session token, or none for public pages. */
async function cookiesFor(page: PageSpec, auth: Auth): Promise<Cookie[]> {
  if (!page.auth) return [];
  return cookiesWithToken(auth.session, await freshSessionToken(auth.clerk, auth.session));
}

async function headersFor(page: PageSpec, auth: Auth): Promise<Record<string, string>> {
  const cookies = await cookiesFor(page, auth);
  return cookies.length === 0 ? {} : { cookie: cookieHeader(cookies) };
}

/** One page under HTTP load in both routers' servers (`served`: the apps or the floors), in ABBA rounds. */
async function measureServerPage(
  page: PageSpec,
  served: Record<AppId, ServedApp>,
  auth: Auth,
  path = page.path,
): Promise<Paired<LoadResult>> {
  log(`server load: ${path}`);
  const pageDeadline = performance.now() + Math.min(LIMITS.httpPhasePerPageMs, timeLeft());
  const round = async (id: AppId, count: number): Promise<RoundResult> =>
    loadRound({
      url: `${served[id].url}${page.path}`,
      // Minted per round: a round is far shorter than the token's 60 s life.
      headers: await headersFor(page, auth),
      expect: page.expect,
      count,
      concurrency: sizes.concurrency,
      deadline: pageDeadline,
    });
  for (const id of appIds) await round(id, sizes.warmupRequests);
  const rounds: Record<AppId, RoundResult[]> = { app: [], pages: [] };
  const half = Math.ceil(sizes.requests / 2);
  // ABBA order, so warming or drift during the phase does not favour one app.
  for (const id of ["app", "pages", "pages", "app"] as const) {
    rounds[id].push(await round(id, half));
  }
  const pair = {
    page: page.label,
    path,
    app: combine(rounds.app, sizes.concurrency),
    pages: combine(rounds.pages, sizes.concurrency),
  };
  for (const id of appIds) {
    const side = pair[id];
    if (side.errors > 0)
      problems.push(
        `${served[id].label} ${page.path}: ${side.errors} failed requests, first: ${side.firstError}`,
      );
    if (side.requests < sizes.requests)
      problems.push(
        `${served[id].label} ${page.path}: only ${side.requests} of ${sizes.requests} requests sent (time limit).`,
      );
  }
  return pair;
}

async function measureServer(auth: Auth): Promise<Paired<LoadResult>[]> {
  const results = [];
  for (const page of PAGES.filter((p) => p.ssr))
    results.push(await measureServerPage(page, APPS, auth));
  results.push(await measureServerPage(FLOOR_CONTROL, FLOORS, auth, FLOOR_CONTROL_KEY));
  return results;
}

async function measureBrowser(browser: Browser, auth: Auth): Promise<Paired<BrowserResult>[]> {
  const results: Paired<BrowserResult>[] = [];
  for (const page of PAGES.filter((p) => p.browser)) {
    log(`browser: ${page.path}`);
    const loads: Record<AppId, { dataVisible: number[]; interactive: number[]; failures: number }> =
      {
        app: { dataVisible: [], interactive: [], failures: 0 },
        pages: { dataVisible: [], interactive: [], failures: 0 },
      };
    const once = async (app: AppSpec, record: boolean) => {
      try {
        const load = await loadPage(browser, app, page, await cookiesFor(page, auth));
        if (!record) return;
        loads[app.id].dataVisible.push(load.dataVisible);
        loads[app.id].interactive.push(load.interactive);
      } catch (error) {
        loads[app.id].failures++;
        problems.push(`browser ${APPS[app.id].label} ${page.path}: ${message(error)}`);
      }
    };
    // One unrecorded load each first; then alternate which app goes first.
    for (const app of [APPS.app, APPS.pages]) await once(app, false);
    for (let i = 0; i < sizes.browserRuns && timeLeft() > 0; i++) {
      const order = i % 2 === 0 ? [APPS.app, APPS.pages] : [APPS.pages, APPS.app];
      for (const app of order) await once(app, true);
    }
    const side = (id: AppId): BrowserResult => ({
      runs: loads[id].dataVisible.length,
      failures: loads[id].failures,
      dataVisible: summarize(loads[id].dataVisible),
      interactive: summarize(loads[id].interactive),
    });
    results.push({ page: page.label, path: page.path, app: side("app"), pages: side("pages") });
  }
  return results;
}

async function measureBundles(auth: Auth): Promise<Results["bundles"]> {
  log("bundle sizes");
  const results: Results["bundles"] = [];
  for (const page of PAGES) {
    const pair: Results["bundles"][number] = {
      page: page.label,
      path: page.path,
      app: null,
      pages: null,
    };
    for (const id of appIds) {
      try {
        pair[id] = await routeBundle(
          `${APPS[id].url}${page.path}`,
          await headersFor(page, auth),
          page.ssr ? page.expect : null,
        );
      } catch (error) {
        problems.push(`bundle size ${APPS[id].label} ${page.path}: ${message(error)}`);
      }
    }
    results.push(pair);
  }
  return results;
}

/** `/preloaded`'s first-load Next chunks by package, in each app, from the chunks' source maps. */
async function measureAttribution(): Promise<Paired<PackageShare[]>> {
  log("bundle attribution: /preloaded");
  const pair: Paired<PackageShare[]> = {
    page: "preloaded",
    path: "/preloaded",
    app: null,
    pages: null,
  };
  for (const id of appIds) {
    const url = `${APPS[id].url}/preloaded`;
    try {
      const html = await (
        await fetch(url, { signal: AbortSignal.timeout(LIMITS.requestMs) })
      ).text();
      const chunks = scriptUrls(html, url).filter((script) => scriptKind(script) === "next");
      pair[id] = await attributeChunks(chunks);
    } catch (error) {
      problems.push(`bundle attribution ${APPS[id].label}: ${message(error)}`);
    }
  }
  return pair;
}

/** The bare page of each router, measured the same way; its HTML must be the floor page's. */
async function measureFloor(): Promise<Results["floor"]> {
  log("bundle sizes: floor");
  const floor: Results["floor"] = { app: null, pages: null };
  for (const id of appIds) {
    const url = `${FLOORS[id].url}${FLOOR_PAGE.path}`;
    try {
      floor[id] = await routeBundle(url, {}, FLOOR_PAGE.expect);
    } catch (error) {
      problems.push(`bundle size ${FLOORS[id].label}: ${message(error)}`);
    }
  }
  return floor;
}

/** Signed in through one app; the other app must accept the same session (one Clerk instance, one host). */
async function authenticate(browser: Browser, stack: Stack): Promise<Auth> {
  const clerk = clerkBackend(stack.env);
  const context = await newContext(browser);
  try {
    const session = await signIn(context, APPS.app);
    const convexUrl = stack.env.NEXT_PUBLIC_CONVEX_URL;
    if (convexUrl === undefined) throw new Error("The stack env has no NEXT_PUBLIC_CONVEX_URL.");
    await seedPrivateTasks(convexUrl, await convexToken(clerk, session));
    return { clerk, session };
  } finally {
    await context.close();
  }
}

async function writeResults(results: Results): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  // Formatted like the rest of the repo, so the committed files pass `prettier --check`.
  const markdown = await format(toMarkdown(results), { parser: "markdown", printWidth: 100 });
  const json = await format(JSON.stringify(results), { parser: "json", printWidth: 100 });
  const svg = renderChart(
    "Router comparison: App Router vs Pages Router",
    chartSubtitle(results),
    chartPanels(results),
  );
  // A quick run's small counts are not for comparing: it never replaces the committed results (or the README's).
  const name = sizes === FULL ? "latest" : "quick";
  writeFileSync(join(resultsDir, `${name}.md`), markdown);
  writeFileSync(join(resultsDir, `${name}.json`), json);
  writeFileSync(join(resultsDir, `${name}.svg`), svg);
  console.log(`\n${markdown}`);
  log(`wrote ${join(resultsDir, `${name}.{md,svg,json}`)}`);
  if (sizes === FULL) {
    const readmePath = join(repoRoot, "README.md");
    const summary = await format(readmeSummary(results), { parser: "markdown", printWidth: 100 });
    writeFileSync(readmePath, replaceSummary(readFileSync(readmePath, "utf8"), summary.trimEnd()));
    log(`updated the results in ${readmePath}`);
  }
}

function nextVersion(): string {
  const manifest = join(APPS.app.dir, "node_modules", "next", "package.json");
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

async function main(): Promise<void> {
  await assertPortsFree();
  log(`fresh local stack in ${DATA_DIR}`);
  const stack = await startStack();
  stopStack = () => stack.stop();
  const servers: RunningNextApp[] = [];
  let browser: Browser | null = null;
  const results: Results = {
    machine: describeMachine(nextVersion()),
    commit: describeCommit(repoRoot),
    sizes,
    durationMs: 0,
    buildMs: {},
    server: [],
    browser: [],
    live: [],
    fresh: [],
    bundles: [],
    floor: { app: null, pages: null },
    bundleMethod: BUNDLE_METHOD,
    attribution: null,
    problems,
  };
  try {
    // One build at a time: on two cores, parallel builds only slow each other down.
    const served = [APPS.app, APPS.pages, FLOORS.app, FLOORS.pages];
    for (const app of served) {
      log(`next build: ${app.label}`);
      results.buildMs[app.key] = await buildApp(app, stack);
    }
    log("next start: both apps and both floors");
    servers.push(...(await Promise.all(served.map((app) => startApp(app, stack)))));
    const convexUrl = stack.env.NEXT_PUBLIC_CONVEX_URL;
    if (convexUrl === undefined) throw new Error("The stack env has no NEXT_PUBLIC_CONVEX_URL.");
    await seedPublicTasks(convexUrl);
    browser = await launchBrowser();
    log("signing in through /sign-in");
    const auth = await authenticate(browser, stack);

    results.bundles = await measureBundles(auth);
    results.floor = await measureFloor();
    results.attribution = await measureAttribution();
    results.server = await measureServer(auth);
    log("cached page: write → fresh");
    if (timeLeft() > 0) {
      results.fresh = await measureFreshness(
        convexUrl,
        [APPS.app, APPS.pages],
        sizes.freshRuns,
        deadline - RESERVE_MS,
      );
      for (const side of results.fresh)
        if (side.misses > 0)
          problems.push(
            `${APPS[side.app].label} /cached: ${side.misses} writes not served in time.`,
          );
    } else problems.push("cached page freshness skipped: out of time.");
    results.browser = await measureBrowser(browser, auth);
    log("live updates");
    if (timeLeft() > 0) {
      results.live = await measureLiveUpdates(
        browser,
        [APPS.app, APPS.pages],
        sizes.liveRuns,
        deadline - RESERVE_MS,
      );
    } else problems.push("live updates skipped: out of time.");
  } catch (error) {
    problems.push(`run aborted: ${message(error)}`);
    console.error(error);
    process.exitCode = 1;
  } finally {
    log("stopping servers");
    await browser?.close().catch(() => undefined);
    await Promise.all(servers.map((server) => server.stop()));
    await stopAllGroups();
    await stack.stop();
  }
  results.durationMs = performance.now() - began;
  await writeResults(results);
  log(`done in ${(results.durationMs / 1000).toFixed(0)} s`);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    killAllGroupsNow();
    const stopping = stopStack?.() ?? Promise.resolve();
    const grace = new Promise((resolve) => setTimeout(resolve, 3_000));
    void Promise.race([stopping, grace]).finally(() => process.exit(130));
  });
}

await main();
