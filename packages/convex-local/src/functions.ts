// Loads the project's Convex functions (the real files in convex/convex/) and answers what each path refers to.
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";

import type { ValidatorJson } from "./arg-validation";

export type FunctionKind = "query" | "mutation" | "action" | "httpAction";

export interface FunctionInfo {
  kind: FunctionKind;
  isPublic: boolean;
  /** The declared argument validator (`v.any()` when none is declared); null for HTTP actions. */
  args: ValidatorJson | null;
}

/** What convex-test wants: file path -> lazy import. */
export type ModuleMap = Record<string, () => Promise<Record<string, unknown>>>;

const SOURCE = /\.(ts|js|mts|mjs|tsx|jsx)$/;

/** The `convex/` functions folder of the workspace's `@repo/convex` package. */
export function defaultFunctionsDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@repo/convex/package.json")), "convex");
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : walk(path);
    const isSource = SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts");
    return isSource && !entry.name.includes(".test.") ? [path] : [];
  });
}

export function loadModuleMap(functionsDir: string): ModuleMap {
  if (!existsSync(functionsDir)) {
    throw new Error(
      `The functions folder ${functionsDir} does not exist: point functionsDir at a Convex app's convex/ folder ` +
        "(by default @repo/convex's; run `pnpm install` if it is missing).",
    );
  }
  const files = walk(functionsDir);
  if (!files.some((file) => file.includes("_generated"))) {
    throw new Error(
      `${functionsDir} has no _generated/ folder: run \`pnpm --filter @repo/convex codegen\`.`,
    );
  }
  // Each loader is memoised: convex-test and describeFunction call it on every function run, and a
  // dynamic import() of an already-loaded module still costs milliseconds through the loader hooks.
  return Object.fromEntries(
    files.map((file) => {
      let loaded: Promise<Record<string, unknown>> | undefined;
      return [
        file,
        () => (loaded ??= import(pathToFileURL(file).href) as Promise<Record<string, unknown>>),
      ];
    }),
  );
}

/** "tasks:list" / "tasks.js:list" / "dir/file" -> module "tasks" and export "list" (default when absent). */
export function parseUdfPath(udfPath: string): { module: string; name: string } | null {
  const [rawModule, name = "default", ...rest] = udfPath.split(":");
  if (rawModule === undefined || rawModule === "" || rest.length > 0) return null;
  const module = rawModule.replace(/\.js$/, "");
  if (module.split("/").some((part) => part === "" || part === "..") || module.startsWith("_"))
    return null;
  return { module, name };
}

/** Canonical form used in logs and cache keys. */
export function canonicalPath(udfPath: string): string {
  const parsed = parseUdfPath(udfPath);
  return parsed === null ? udfPath : `${parsed.module}:${parsed.name}`;
}

interface RegisteredFunction {
  exportArgs?: () => string;
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  isHttp?: boolean;
  isPublic?: boolean;
}

function infoOf(value: unknown): FunctionInfo | null {
  if (typeof value !== "function" && (typeof value !== "object" || value === null)) return null;
  const fn = value as RegisteredFunction;
  const kind: FunctionKind | null = fn.isQuery
    ? "query"
    : fn.isMutation
      ? "mutation"
      : fn.isAction
        ? "action"
        : fn.isHttp
          ? "httpAction"
          : null;
  if (kind === null) return null;
  const args =
    typeof fn.exportArgs === "function" ? (JSON.parse(fn.exportArgs()) as ValidatorJson) : null;
  return { kind, isPublic: fn.isPublic === true, args };
}

/** Every public function, as "module:name (kind)", for the start-up banner. */
export async function listPublicFunctions(
  functionsDir: string,
  modules: ModuleMap,
): Promise<string[]> {
  const found: string[] = [];
  for (const [file, load] of Object.entries(modules)) {
    const module = relative(functionsDir, file).replace(SOURCE, "");
    if (module.startsWith("_generated") || module === "schema" || module === "auth.config")
      continue;
    for (const [name, value] of Object.entries(await load())) {
      const info = infoOf(value);
      if (info?.isPublic === true && info.kind !== "httpAction")
        found.push(`${module}:${name} (${info.kind})`);
    }
  }
  return found.sort();
}

/** Looks up a function by path; null when the module or export does not exist or is not a Convex function. */
export async function describeFunction(
  functionsDir: string,
  modules: ModuleMap,
  udfPath: string,
): Promise<FunctionInfo | null> {
  const parsed = parseUdfPath(udfPath);
  if (parsed === null) return null;
  const entry = Object.entries(modules).find(
    ([file]) => relative(functionsDir, file).replace(SOURCE, "") === parsed.module,
  );
  if (entry === undefined) return null;
  const exports = await entry[1]();
  return infoOf(exports[parsed.name]);
}
