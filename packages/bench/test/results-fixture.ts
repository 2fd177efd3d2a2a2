// A small, complete run for the report tests: figures chosen so every goal's verdict is known by hand.
import type { RouteBundle } from "../src/bundle-size";
import type { LoadResult } from "../src/http-load";
import type { Results } from "../src/results";
import { summarize } from "../src/stats";

export function bundle(nextBytes: number): RouteBundle {
  return { nextBytes, clerkJsBytes: 90_000, clerkUiBytes: 40_000, otherBytes: 0, scripts: 12 };
}

export function load(ttfbMs: number): LoadResult {
  return {
    requests: 3,
    concurrency: 1,
    ok: 3,
    errors: 0,
    firstError: null,
    ttfb: summarize([ttfbMs, ttfbMs, ttfbMs]),
    firstData: summarize([ttfbMs, ttfbMs, ttfbMs]),
    total: summarize([ttfbMs, ttfbMs, ttfbMs]),
    requestsPerSecond: 1000 / ttfbMs,
  };
}

export function sampleResults(): Results {
  return {
    machine: {
      cpu: "Test CPU",
      cores: 2,
      memoryGiB: 4,
      os: "linux",
      node: "v20",
      chromium: "Chromium 1",
      next: "16.4.6",
      date: "2026-11-25T12:00:00.000Z",
    },
    commit: { sha: "0123456789abcdef0123456789abcdef01234567", dirty: true },
    sizes: {
      requests: 3,
      concurrency: 1,
      warmupRequests: 0,
      browserRuns: 1,
      liveRuns: 1,
      freshRuns: 1,
    },
    durationMs: 60_000,
    buildMs: { app: 10_000, pages: 8_000, "floor-app": 5_000, "floor-pages": 4_000 },
    server: [
      // App: 60 / 30 = 2.00× (missed); Pages: 45 / 30 = 1.50× (met, the limit is inclusive).
      { page: "preloaded", path: "/preloaded", app: load(60), pages: load(45) },
      { page: "control", path: "/control", app: load(30), pages: load(30) },
      // App: 30 / 30 = 1.00× (met); Pages: 36 / 30 = 1.20× (missed).
      { page: "cached", path: "/cached", app: load(30), pages: load(36) },
      { page: "floor control", path: "floor:/control", app: load(20), pages: load(10) },
    ],
    browser: [],
    live: [
      { from: "pages", to: "app", latency: summarize([10, 20]), misses: 0 },
      { from: "app", to: "pages", latency: summarize([50, 50]), misses: 0 },
    ],
    // App: 200,000 B > 195,000 (missed), 200,000 / 134,900 = 1.48× > 1.40 (missed);
    // Pages: 150,000 B (met), 150,000 / 112,800 = 1.33× (met).
    fresh: [
      { app: "app", latency: summarize([100, 200]), misses: 0 },
      { app: "pages", latency: summarize([300, 1200]), misses: 0 },
    ],
    bundles: [
      { page: "preloaded", path: "/preloaded", app: bundle(200_000), pages: bundle(150_000) },
    ],
    floor: { app: bundle(134_900), pages: bundle(112_800) },
    bundleMethod: "test",
    attribution: null,
    problems: [],
  };
}
