// The module sets `npx convex deploy` / `dev` push, as files: each push is written to its own folder under
// <dataDir>/modules/ (a temp folder for an in-memory server) as ES modules, and CURRENT names the one that
// serves. A new set becomes current only when the engine took it (finish_push), so a refused push leaves the
// old code serving, and a restart serves the last accepted push instead of the source folder.
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";

import type { AuthInfo } from "./analyze";
import type { ManifestSchema } from "./schema-diff";

export type ModuleEnvironment = "isolate" | "node";

/** One bundle as the CLI sends it (deployApi/modules.ts moduleConfig). */
export interface PushedModule {
  path: string;
  source: string;
  sourceMap?: string | undefined;
  environment: ModuleEnvironment;
}

/** What get_config_hashes reports per module: the CLI skips sending modules whose hash matches. */
export interface ModuleHash {
  path: string;
  hash: string;
  environment: ModuleEnvironment;
}

export interface Manifest {
  modules: ModuleHash[];
  /** What the analysis found, kept for the next push's diffs. */
  schemaJson: ManifestSchema | null;
  auth: AuthInfo[];
  crons: string[];
  /** The schema bundle's path, when the push had one. */
  schema: string | null;
  /** convex.json's `functions` folder, as the CLI sent it. */
  functions: string;
  nodeVersion: string | null;
  udfServerVersion: string;
}

export interface ModuleSet {
  dir: string;
  manifest: Manifest;
}

/** The hash the CLI computes for a bundle (lib/components.ts `hash`). */
export function bundleHash(module: { source: string; sourceMap?: string | undefined }): string {
  return createHash("sha256")
    .update(module.source)
    .update(module.sourceMap ?? "")
    .digest("hex");
}

const MANIFEST = "manifest.json";
const CURRENT = "CURRENT";
/** Module paths as the CLI's bundler writes them: relative, `.js`, no `..` (checked before writing). */
const MODULE_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[\w@$+.\-/]+\.js$/;

export function isModulePath(path: string): boolean {
  return MODULE_PATH.test(path) && !path.startsWith("_generated/") && !path.includes("//");
}

export class ModuleSets {
  /**
   * The next set's number, never reused by this process: Node caches ES modules by URL, so a folder name used
   * twice would serve the first set's code.
   */
  private next: number;

  private constructor(
    readonly root: string,
    /** A temp folder of an in-memory server: removed on close. */
    private readonly temporary: boolean,
  ) {
    const numbers = readdirSync(root)
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
    this.next = Math.max(0, ...numbers) + 1;
  }

  /** The store of a data folder; null (in memory) keeps pushed modules in a temp folder for this process. */
  static open(dataDir: string | null): ModuleSets {
    if (dataDir === null)
      return new ModuleSets(mkdtempSync(join(tmpdir(), "convex-local-modules-")), true);
    const root = join(dataDir, "modules");
    mkdirSync(root, { recursive: true });
    return new ModuleSets(root, false);
  }

  /** The set that serves, or null before the first accepted push (the source folder serves). */
  current(): ModuleSet | null {
    const pointer = join(this.root, CURRENT);
    if (!existsSync(pointer)) return null;
    const name = readFileSync(pointer, "utf8").trim();
    const dir = join(this.root, name);
    try {
      const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), "utf8")) as Manifest;
      return { dir, manifest };
    } catch (error) {
      throw new Error(
        `The pushed modules ${dir} cannot be read (${error instanceof Error ? error.message : String(error)}): ` +
          `delete ${pointer} to serve the source folder, then push again.`,
      );
    }
  }

  /** Writes a pushed set's modules to a new folder (not yet current; `seal` adds its manifest). */
  stage(modules: PushedModule[]): { dir: string; modules: ModuleHash[] } {
    const dir = join(this.root, String(this.next++).padStart(6, "0"));
    mkdirSync(dir);
    // Bundles are ES modules (import/export): Node loads .js as ESM only under "type": "module".
    writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
    // convex-test finds the functions root by its _generated folder; bundles never import from it.
    mkdirSync(join(dir, "_generated"));
    writeFileSync(join(dir, "_generated", "server.js"), "export {};\n");
    for (const module of modules) {
      if (!isModulePath(module.path)) throw new Error(`Not a module path: ${module.path}`);
      const file = join(dir, module.path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, module.source);
      // Beside its module, where the bundle's sourceMappingURL comment points (node --enable-source-maps).
      if (module.sourceMap !== undefined) writeFileSync(`${file}.map`, module.sourceMap);
    }
    return {
      dir,
      modules: modules.map((module) => ({
        path: module.path,
        hash: bundleHash(module),
        environment: module.environment,
      })),
    };
  }

  seal(dir: string, manifest: Manifest): ModuleSet {
    writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest));
    return { dir, manifest };
  }

  /** A module of a set, as pushed (to carry an unchanged module into the next set). */
  read(set: ModuleSet, path: string): PushedModule | null {
    const entry = set.manifest.modules.find((module) => module.path === path);
    if (entry === undefined) return null;
    const file = join(set.dir, path);
    const map = `${file}.map`;
    return {
      path,
      source: readFileSync(file, "utf8"),
      sourceMap: existsSync(map) ? readFileSync(map, "utf8") : undefined,
      environment: entry.environment,
    };
  }

  /** Makes `set` the one that serves (an atomic rename), and removes older sets. */
  commit(set: ModuleSet, keep: readonly ModuleSet[] = []): void {
    const pointer = join(this.root, CURRENT);
    writeFileSync(`${pointer}.tmp`, `${basename(set.dir)}\n`);
    renameSync(`${pointer}.tmp`, pointer);
    const kept = new Set([set.dir, ...keep.map((other) => other.dir)]);
    for (const name of readdirSync(this.root)) {
      const dir = join(this.root, name);
      if (/^\d+$/.test(name) && !kept.has(dir)) rmSync(dir, { recursive: true, force: true });
    }
  }

  discard(set: { dir: string }): void {
    rmSync(set.dir, { recursive: true, force: true });
  }

  close(): void {
    if (this.temporary) rmSync(this.root, { recursive: true, force: true });
  }
}
