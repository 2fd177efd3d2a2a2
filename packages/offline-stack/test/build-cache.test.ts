// What the runner hands `next build`: the caller's dist dir and the flag that skips the build's type check, and a
// second try without the Turbopack cache when a build hangs. `next` here is a stand-in script that records what it
// was given and uses its cache as Turbopack would (a real build takes minutes and is covered by the e2e suite).
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
const { existsSync, mkdirSync, readdirSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const dist = process.env.NEXT_DIST_DIR;
const cache = join(dist, "cache", "turbopack");
mkdirSync(cache, { recursive: true });
// A cache the build cannot use: hang, as next build has been seen to.
if (existsSync(join(cache, "poisoned"))) setInterval(() => {}, 1000);
else {
  const seen = readdirSync(cache).sort();
  writeFileSync(join(cache, "build-" + seen.length), "");
  writeFileSync(join(dist, "BUILD_ID"), JSON.stringify({ seen, skipTypecheck: process.env.NEXT_BUILD_SKIP_TYPECHECK }));
}
`,
);
chmodSync(join(dir, "node_modules", ".bin", "next"), 0o755);

const build = (distDir: string, timeoutMs = 30_000) =>
  buildNextApp(
    { name: "stand-in", dir, distDir, env: { ...process.env } },
    { logFile: join(dir, `${distDir}.log`), timeoutMs },
  );
const buildId = (distDir: string) =>
  JSON.parse(readFileSync(join(dir, distDir, "BUILD_ID"), "utf8")) as {
    seen: string[];
    skipTypecheck?: string;
  };

it("builds into the caller's dist dir, whose cache the next build of that dir finds", async () => {
  await build(".next-a");
  await build(".next-b");
  await build(".next-a");
  expect(buildId(".next-a").seen).toEqual(["build-0"]);
  expect(buildId(".next-b").seen).toEqual([]);
});

it("tells the apps' next.config to skip the build's type check (the typecheck task does it)", async () => {
  await build(".next-c");
  expect(buildId(".next-c").skipTypecheck).toBe("1");
});

it("builds once more without the cache when a build hangs on it", async () => {
  await build(".next-d");
  writeFileSync(join(dir, ".next-d", "cache", "turbopack", "poisoned"), "");
  await build(".next-d", 2_000);
  // The second try started from an empty cache, and the build's output is there.
  expect(buildId(".next-d").seen).toEqual([]);
  expect(existsSync(join(dir, ".next-d", "cache", "turbopack", "poisoned"))).toBe(false);
});
