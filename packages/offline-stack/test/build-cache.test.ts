// What the runner hands `next build`: its own dist dir per caller, one Turbopack cache shared between them, and the
// flag that skips the build's type check. `next` here is a stand-in script that records what it was given and
// writes into its cache as Turbopack would (a real build takes minutes and is covered by the e2e suite).
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, expect, it } from "vitest";

import { buildNextApp } from "../src/next-app";

const dir = mkdtempSync(join(tmpdir(), "build-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

mkdirSync(join(dir, "node_modules", ".bin"), { recursive: true });
writeFileSync(
  join(dir, "node_modules", ".bin", "next"),
  `#!/usr/bin/env node
const { appendFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const dist = process.env.NEXT_DIST_DIR;
const cache = join(dist, "cache", "turbopack");
mkdirSync(cache, { recursive: true });
// A cache a build cannot use: hang, as next build has been seen to.
if (existsSync(join(cache, "poisoned"))) setInterval(() => {}, 1000);
else {
const seen = readdirSync(cache).sort();
appendFileSync(join(dist, "cache", "log"), dist + "\\n");
writeFileSync(join(cache, dist), "");
writeFileSync(join(dist, "BUILD_ID"), JSON.stringify({ seen, skipTypecheck: process.env.NEXT_BUILD_SKIP_TYPECHECK }));
}
`,
);
chmodSync(join(dir, "node_modules", ".bin", "next"), 0o755);

const build = (distDir: string, timeoutMs = 30_000) =>
  buildNextApp(
    {
      name: "stand-in",
      dir,
      distDir,
      sharedCacheDir: ".shared-cache",
      env: { ...process.env },
    },
    { logFile: join(dir, `${distDir}.log`), timeoutMs },
  );
const buildId = (distDir: string) =>
  JSON.parse(readFileSync(join(dir, distDir, "BUILD_ID"), "utf8")) as {
    seen: string[];
    skipTypecheck?: string;
  };

it("gives each dist dir its own output and one shared Turbopack cache", async () => {
  await build(".next-a");
  await build(".next-b");
  // The second build found what the first left in the cache; each kept its own output.
  expect(buildId(".next-a").seen).toEqual([]);
  expect(buildId(".next-b").seen).toEqual([".next-a"]);
  expect(readFileSync(join(dir, ".shared-cache", "log"), "utf8")).toBe(".next-a\n.next-b\n");

  // A dist dir that had a cache folder of its own (an older runner's) is switched to the shared one.
  rmSync(join(dir, ".next-a", "cache"));
  mkdirSync(join(dir, ".next-a", "cache", "turbopack"), { recursive: true });
  await build(".next-a");
  expect(buildId(".next-a").seen).toEqual([".next-a", ".next-b"]);
});

it("tells the apps' next.config to skip the build's type check (the typecheck task does it)", async () => {
  await build(".next-c");
  expect(buildId(".next-c").skipTypecheck).toBe("1");
});

it("builds once more on an emptied cache when a build hangs on its cache", async () => {
  await build(".next-d");
  writeFileSync(join(dir, ".shared-cache", "turbopack", "poisoned"), "");
  await build(".next-d", 2_000);
  // The retry started from an empty cache, and the build's output is there.
  expect(buildId(".next-d").seen).toEqual([]);
  expect(existsSync(join(dir, ".shared-cache", "turbopack", "poisoned"))).toBe(false);
});
