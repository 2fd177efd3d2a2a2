// The clerk-js and @clerk/ui browser bundles, served from this server so the browser never needs Clerk's CDN.
// They are fetched once from the npm registry with `npm pack` (they cannot be ordinary dependencies: @clerk/ui's
// dependencies do not resolve in every registry, and clerk-js pulls a large tree), checked against pinned integrity.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const BUNDLES = {
  "clerk-js": {
    name: "@clerk/clerk-js",
    version: "6.40.0",
    integrity:
      "sha512-2MnZ/ygvuCmeuqfXQmsxfQaLN/SSJvQbtT2cLXbgr5VKr3KmZFZBVvX977fG3eZ6pprl4J9pO+I2bbe6BvColg==",
  },
  ui: {
    name: "@clerk/ui",
    version: "1.36.0",
    integrity:
      "sha512-uI96zYCh5jISLOt1mdpIPy/Y31P0kwFxjUFOxLUwFfTHFmGUcRjbqN6bbb+75tdI2Bz6ARGws3rhspDer+xIfQ==",
  },
} as const;
export type BundleKey = keyof typeof BUNDLES;

const cacheRoot = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../node_modules/.cache/clerk-local",
);

function bundleDir(key: BundleKey): string {
  const { name, version } = BUNDLES[key];
  return join(cacheRoot, `${name.replace("/", "+")}@${version}`, "dist");
}

/** Downloads and unpacks the pinned bundles if they are not cached yet. */
export function ensureAssets(log: (line: string) => void = () => undefined): void {
  for (const key of Object.keys(BUNDLES) as BundleKey[]) {
    const dist = bundleDir(key);
    if (existsSync(dist)) continue;
    const { name, version, integrity } = BUNDLES[key];
    log(`clerk-local: fetching ${name}@${version} from the npm registry (once)`);
    const work = join(cacheRoot, `tmp-${key}-${process.pid}`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const output = execFileSync(
      "npm",
      ["pack", `${name}@${version}`, "--pack-destination", work, "--silent"],
      {
        encoding: "utf8",
      },
    );
    const tarball = join(work, output.trim().split("\n").at(-1) ?? "");
    const [algorithm, expected] = integrity.split("-", 2) as [string, string];
    const actual = createHash(algorithm).update(readFileSync(tarball)).digest("base64");
    if (actual !== expected) {
      rmSync(work, { recursive: true, force: true });
      throw new Error(`${name}@${version}: tarball integrity mismatch (expected ${integrity}).`);
    }
    execFileSync("tar", ["xzf", tarball, "-C", work]);
    mkdirSync(dirname(dist), { recursive: true });
    renameSync(join(work, "package", "dist"), dist);
    rmSync(work, { recursive: true, force: true });
  }
}

const TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".mjs": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
  ".json": "application/json",
};

/** `/npm/@clerk/clerk-js@<any>/dist/<file>` -> the pinned file; null when the path is not an asset or is missing. */
export function resolveAsset(path: string): { file: string; type: string } | null {
  const match = /^\/npm\/@clerk\/(clerk-js|ui)@[^/]+\/dist\/(.+)$/.exec(path);
  if (match === null) return null;
  const dist = bundleDir(match[1] as BundleKey);
  const file = normalize(join(dist, match[2] ?? ""));
  if (!file.startsWith(dist) || !existsSync(file)) return null;
  const extension = /\.[a-z]+$/.exec(file)?.[0] ?? "";
  return { file, type: TYPES[extension] ?? "application/octet-stream" };
}
