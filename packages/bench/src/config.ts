// What the benchmark runs against and how much: ports, paths, pages and the size of every loop.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { PORTS as PORT_TABLE } from "@repo/offline-stack/ports";
import { CONTROL_PAGE } from "@repo/ui/demo-pages";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const resultsDir = resolve(dirname(fileURLToPath(import.meta.url)), "../results");

// Ports reserved for the benchmark in the repo's port table, so it can run while the e2e suite uses its own.
export const HOST = "127.0.0.1";
const { bench, benchFloor } = PORT_TABLE;
export const PORTS = {
  convex: bench.convex,
  convexSite: bench.convexSite,
  clerk: bench.clerk,
  auth0: bench.auth0,
  oidc: bench.oidc,
} as const;
export const DATA_DIR = join(repoRoot, ".data", "bench");
/** Separate from `next build`'s .next: the local ports are baked into the client bundle. */
export const DIST_DIR = ".next-bench";

export type AppId = "app" | "pages";

/** Something the benchmark builds and serves with `next start`. */
export interface ServedApp {
  /** Names its build and start logs. */
  key: string;
  label: string;
  dir: string;
  port: number;
  url: string;
}

export interface AppSpec extends ServedApp {
  id: AppId;
}

export const APPS: Record<AppId, AppSpec> = {
  app: {
    id: "app",
    key: "app",
    label: "App Router",
    dir: join(repoRoot, "apps", "app-router"),
    port: bench.appRouter,
    url: `http://${HOST}:${bench.appRouter}`,
  },
  pages: {
    id: "pages",
    key: "pages",
    label: "Pages Router",
    dir: join(repoRoot, "apps", "pages-router"),
    port: bench.pagesRouter,
    url: `http://${HOST}:${bench.pagesRouter}`,
  },
};

/**
 * The floor (issue 16): a bare page of each router on the same Next and React, no Convex and no auth, built and
 * measured in the same run, so the apps' JavaScript is reported as a ratio over what the router alone ships.
 */
export const FLOORS: Record<AppId, ServedApp> = {
  app: {
    key: "floor-app",
    label: "Floor (bare App Router page)",
    dir: join(repoRoot, "packages", "bench", "floor", "app"),
    port: benchFloor.appRouter,
    url: `http://${HOST}:${benchFloor.appRouter}`,
  },
  pages: {
    key: "floor-pages",
    label: "Floor (bare Pages Router page)",
    dir: join(repoRoot, "packages", "bench", "floor", "pages"),
    port: benchFloor.pagesRouter,
    url: `http://${HOST}:${benchFloor.pagesRouter}`,
  },
};
/** The control route (see PAGES). */
export const CONTROL_PATH = CONTROL_PAGE.path;

/** The floor apps' page whose JavaScript is measured, and text that proves the response is it. */
export const FLOOR_PAGE = { path: "/", expect: "Floor: a bare" } as const;

export interface PageSpec {
  path: string;
  label: string;
  /** Needs a signed-in session. */
  auth: boolean;
  /** Server-rendered on each request (so worth an HTTP load test). */
  ssr: boolean;
  /** Loaded in the browser phase (pages that render the task list). */
  browser: boolean;
  /** Text only the real page has (a signed-out or error render lacks it); checked where `ssr`. */
  expect: string;
  /** The element that shows the page's data, and the element whose hydration means "interactive". */
  dataSelector: string;
  interactiveSelector: string;
}

export const PAGES: PageSpec[] = [
  {
    path: "/preloaded",
    label: "preloaded",
    auth: false,
    ssr: true,
    browser: true,
    expect: "Benchmark task 1",
    dataSelector: "main ul.tasks li",
    interactiveSelector: "main form.task-form button",
  },
  {
    path: "/fetch-query",
    label: "fetchQuery",
    auth: false,
    ssr: true,
    browser: true,
    expect: "Benchmark task 1",
    dataSelector: "main ul.tasks li",
    interactiveSelector: "main h1",
  },
  {
    path: "/server-auth",
    label: "server-auth",
    auth: true,
    ssr: true,
    browser: true,
    expect: "Private benchmark task 1",
    dataSelector: "main ul.tasks li",
    interactiveSelector: "main form.task-form button",
  },
  {
    // The cached page pair (issue 23): App Router "use cache", Pages Router ISR, both revalidated by Convex.
    path: "/cached",
    label: "cached",
    auth: false,
    ssr: true,
    browser: false,
    expect: "Benchmark task 1",
    dataSelector: "main ul.tasks li",
    interactiveSelector: "main h1",
  },
  {
    path: "/",
    label: "home (client-only)",
    auth: false,
    ssr: false,
    browser: true,
    expect: "Benchmark task 1",
    dataSelector: "main ul.tasks li",
    interactiveSelector: "main form.task-form button",
  },
  {
    // The control (issue 16): the same layout rendered per request with no Convex call, so a page's TTFB over
    // this one is what its data costs. Only in the HTTP load and the bundle sizes: it has no list to wait for.
    path: CONTROL_PATH,
    label: "control",
    auth: false,
    ssr: true,
    browser: false,
    expect: CONTROL_PAGE.text,
    dataSelector: "main h1",
    interactiveSelector: "main h1",
  },
];

export interface Sizes {
  /** HTTP load: requests per page per app, and how many are in flight at once. */
  requests: number;
  concurrency: number;
  warmupRequests: number;
  /** Browser: page loads per page per app. */
  browserRuns: number;
  /** Live update: mutations per direction. */
  liveRuns: number;
  /** Cached page: writes per app, each until /cached serves it. */
  freshRuns: number;
}

export const FULL: Sizes = {
  requests: 200,
  concurrency: 8,
  warmupRequests: 20,
  browserRuns: 10,
  liveRuns: 20,
  freshRuns: 20,
};
/** `pnpm bench --quick`: a smoke run of every phase. */
export const QUICK: Sizes = {
  requests: 40,
  concurrency: 4,
  warmupRequests: 5,
  browserRuns: 3,
  liveRuns: 5,
  freshRuns: 5,
};

/** Hard limits, so no phase can run away with the machine. */
export const LIMITS = {
  totalMs: 9.5 * 60_000,
  buildMs: 4 * 60_000,
  serverStartMs: 60_000,
  httpPhasePerPageMs: 45_000,
  requestMs: 15_000,
  browserStepMs: 20_000,
  liveWaitMs: 5_000,
  /** A write's wait for /cached to serve it; longer counts as a miss. */
  freshWaitMs: 10_000,
};

/** Tasks put in the public list before measuring (the list query returns at most 100). */
export const SEED_TASKS = 12;
export const SEED_PRIVATE_TASKS = 5;

/**
 * The floors' control: a bare page rendered per request, no layout, no middleware. Its TTFB is the router's own cost
 * per request, so the apps' `/control` over it is what their layout and middleware add (issue 16's App Router TTFB).
 */
export const FLOOR_CONTROL: PageSpec = {
  path: "/control",
  label: "floor control",
  auth: false,
  ssr: true,
  browser: false,
  expect: "Floor control: a bare page rendered per request",
  dataSelector: "main h1",
  interactiveSelector: "main h1",
};
/** Its key in the results' server list (the apps' own control is "/control"). */
export const FLOOR_CONTROL_KEY = "floor:/control";
