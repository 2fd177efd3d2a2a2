// The shape of one benchmark run, as written to results/latest.json.
import type { RouteBundle } from "./bundle-size";
import type { FreshResult } from "./cache-freshness";
import type { AppId, Sizes } from "./config";
import type { LoadResult } from "./http-load";
import type { LiveResult } from "./live-update";
import type { Machine } from "./machine";
import type { Commit } from "./provenance";
import type { PackageShare } from "./source-map-attribution";
import type { Summary } from "./stats";

/** One page measured in both apps; a side is null when its measurement failed (see `Results.problems`). */
export interface Paired<T> {
  page: string;
  path: string;
  app: T | null;
  pages: T | null;
}

export interface BrowserResult {
  runs: number;
  failures: number;
  dataVisible: Summary;
  interactive: Summary;
}

export interface Results {
  machine: Machine;
  /** The code measured; null when the run was not started from a git checkout. */
  commit: Commit | null;
  sizes: Sizes;
  durationMs: number;
  /** Per built app, by its ServedApp key ("app", "pages", "floor-app", "floor-pages"). */
  buildMs: Partial<Record<string, number>>;
  server: Paired<LoadResult>[];
  browser: Paired<BrowserResult>[];
  live: LiveResult[];
  /** Write → /cached serves it, per app (issue 23). */
  fresh: FreshResult[];
  bundles: Paired<RouteBundle>[];
  /** The bare page of each router (FLOORS), measured like `bundles`; null when it failed. */
  floor: Record<AppId, RouteBundle | null>;
  bundleMethod: string;
  /** `/preloaded`'s first-load Next chunks by package, from their source maps (issue 23); null when not measured. */
  attribution: Paired<PackageShare[]> | null;
  /** What failed or was cut short: numbers next to a problem are incomplete. */
  problems: string[];
}
