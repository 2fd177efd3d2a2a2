// The clerk-js and @clerk/ui browser bundles, served from this server so the browser never needs Clerk's CDN.
// They are fetched once from the npm registry with `npm pack` (they cannot be ordinary dependencies: @clerk/ui's
// dependencies do not resolve in every registry, and clerk-js pulls a large tree), checked against pinned integrity.
// Each SDK asks for the major it was built against (`@clerk/clerk-js@5` from Core 2 SDKs, `@6` + `@clerk/ui@1` from
// Core 3): a bundle of another major does not work with it (clerk-js 6 without @clerk/ui throws "Clerk was not loaded
// with Ui components" in a Core 2 app), so every served major has its own pin and any other major is refused.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export type BundlePackage = "clerk-js" | "ui";

export interface Bundle {
  package: BundlePackage;
  version: string;
  integrity: string;
  /**
   * What this repo's apps load: a start fails without it. Other pins are best effort, so a machine that cached the
   * bundles before a pin was added keeps starting offline (that major is then refused, saying why).
   */
  required: boolean;
}

/** One pin per served major; the first of each package answers `@latest`. */
export const BUNDLES: readonly Bundle[] = [
  {
    package: "clerk-js",
    version: "6.40.0",
    integrity:
      "sha512-2MnZ/ygvuCmeuqfXQmsxfQaLN/SSJvQbtT2cLXbgr5VKr3KmZFZBVvX977fG3eZ6pprl4J9pO+I2bbe6BvColg==",
    required: true,
  },
  {
    package: "clerk-js",
    version: "5.128.0",
    integrity:
      "sha512-aw8USKnrZVPOqJfp1eKpbaQL+jUYkXJn/v3XdBslfT4jXEUIqkyITmlgY8bA9GqVF7xGcr+m/HJTpgvGbtIvXA==",
    required: false,
  },
  {
    package: "ui",
    version: "1.36.0",
    integrity:
      "sha512-uI96zYCh5jISLOt1mdpIPy/Y31P0kwFxjUFOxLUwFfTHFmGUcRjbqN6bbb+75tdI2Bz6ARGws3rhspDer+xIfQ==",
    required: true,
  },
];

const cacheRoot = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../node_modules/.cache/clerk-local",
);

const npmName = (bundle: Bundle) => `@clerk/${bundle.package}`;
const majorOf = (version: string) => version.split(".")[0] ?? "";

function bundleDir(bundle: Bundle): string {
  return join(cacheRoot, `@clerk+${bundle.package}@${bundle.version}`, "dist");
}

/** Downloads and unpacks the pinned bundles if they are not cached yet. */
export function ensureAssets(log: (line: string) => void = () => undefined): void {
  for (const bundle of BUNDLES) {
    if (existsSync(bundleDir(bundle))) continue;
    try {
      fetchBundle(bundle, log);
    } catch (error) {
      if (bundle.required) throw error;
      log(
        `clerk-local: could not fetch @clerk/${bundle.package}@${bundle.version} (${(error as Error).message.split("\n")[0] ?? ""}); its major stays unserved until \`pnpm --filter @repo/clerk-local fetch-assets\` succeeds.`,
      );
    }
  }
}

function fetchBundle(bundle: Bundle, log: (line: string) => void): void {
  const dist = bundleDir(bundle);
  const spec = `${npmName(bundle)}@${bundle.version}`;
  log(`clerk-local: fetching ${spec} from the npm registry (once)`);
  const work = join(cacheRoot, `tmp-${bundle.package}-${bundle.version}-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const output = execFileSync("npm", ["pack", spec, "--pack-destination", work, "--silent"], {
    encoding: "utf8",
  });
  const tarball = join(work, output.trim().split("\n").at(-1) ?? "");
  const [algorithm, expected] = bundle.integrity.split("-", 2) as [string, string];
  const actual = createHash(algorithm).update(readFileSync(tarball)).digest("base64");
  if (actual !== expected) {
    rmSync(work, { recursive: true, force: true });
    throw new Error(`${spec}: tarball integrity mismatch (expected ${bundle.integrity}).`);
  }
  execFileSync("tar", ["xzf", tarball, "-C", work]);
  mkdirSync(dirname(dist), { recursive: true });
  renameSync(join(work, "package", "dist"), dist);
  rmSync(work, { recursive: true, force: true });
}

const TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".mjs": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
  ".json": "application/json",
};

/**
 * The pin for what an SDK asked for: a major (`5`), a version (`5.12.1`, answered by that major's pin), or `latest`.
 * Other dist-tags (canary, snapshot, beta) name builds that are not pinned here.
 */
export function bundleFor(pkg: BundlePackage, requested: string): Bundle | null {
  const pins = BUNDLES.filter((bundle) => bundle.package === pkg);
  if (requested === "latest") return pins[0] ?? null;
  const version = /^v?(\d+)(?:\.\d+\.\d+)?$/.exec(requested.trim());
  if (version === null) return null;
  return pins.find((bundle) => majorOf(bundle.version) === version[1]) ?? null;
}

export type AssetLookup =
  { kind: "file"; file: string; type: string } | { kind: "unserved"; message: string } | null;

/**
 * `/npm/@clerk/<clerk-js|ui>@<version>/dist/<file>` -> the file from the pin for that major; `unserved` (with why)
 * for a major or tag without a pin; null when the path is not an asset path or the file does not exist.
 */
export function resolveAsset(path: string): AssetLookup {
  const match = /^\/npm\/@clerk\/(clerk-js|ui)@([^/]+)\/dist\/(.+)$/.exec(path);
  if (match === null) return null;
  const pkg = match[1] as BundlePackage;
  const requested = match[2] ?? "";
  const bundle = bundleFor(pkg, requested);
  if (bundle === null) {
    const served = BUNDLES.filter((pin) => pin.package === pkg)
      .map((pin) => `${majorOf(pin.version)} (${pin.version})`)
      .join(", ");
    return {
      kind: "unserved",
      message: `clerk-local serves @clerk/${pkg} majors ${served} only; "${requested}" is not one of them. Use an SDK built for a served major, or add a pin for it in packages/clerk-local/src/assets.ts.`,
    };
  }
  const dist = bundleDir(bundle);
  if (!existsSync(dist)) {
    return {
      kind: "unserved",
      message: `@clerk/${pkg}@${bundle.version} (for "${requested}") is not cached: run \`pnpm --filter @repo/clerk-local fetch-assets\` with registry access.`,
    };
  }
  const file = normalize(join(dist, match[3] ?? ""));
  if (!file.startsWith(dist + "/") || !existsSync(file)) return null;
  const extension = /\.[a-z]+$/.exec(file)?.[0] ?? "";
  return { kind: "file", file, type: TYPES[extension] ?? "application/octet-stream" };
}
