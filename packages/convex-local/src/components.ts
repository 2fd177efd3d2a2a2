// The components an app mounts in its convex.config.ts (`app.use(...)`), found as Convex finds them: each
// import of a `convex.config` file names a component definition whose folder holds its functions, schema and
// `_generated/` (published components ship it as `dist/component/`); a component's own convex.config may mount
// more. convex/server's `use()` wants the `componentDefinitionPath` the CLI's bundler gives every imported
// definition, so each imported definition gets its folder before the config that imports it runs.
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import { pathToFileURL } from "node:url";

import type { GenericSchema, SchemaDefinition } from "convex/server";
import { register } from "tsx/esm/api";

import type { ModuleMap } from "./functions";
import { loadModuleMap } from "./functions";
import { loadAtStartup } from "./startup";

/** One mounted component instance. */
export interface MountedComponent {
  /** Its path from the app: `rateLimiter`, or `rateLimiter/batchWorker` for one it mounts itself. */
  path: string;
  /** The definition's folder (its functions, schema and `_generated/`). */
  dir: string;
  schema: SchemaDefinition<GenericSchema, boolean> | null;
  modules: ModuleMap;
}

/** What convex/server's defineApp / defineComponent return, as far as mounting needs. */
interface Definition {
  _isRoot?: boolean;
  _name?: string;
  componentDefinitionPath?: string;
  defaultName?: string;
  _childComponents?: [string, Definition, ...unknown[]][];
}

const CONFIG_NAMES = ["convex.config.ts", "convex.config.js"];
/** Where a pushed set keeps the component definitions it carries (./push/components), relative to the set. */
export const COMPONENTS_DIR = join("node_modules", ".components");
/** In COMPONENTS_DIR: definition path -> the folder it is staged in. */
export const DEFINITION_DIRS = "definitions.json";
/** Convex's own limit on how deep components may mount components; also stops an import cycle. */
const MAX_DEPTH = 10;

export function configFileOf(dir: string): string | null {
  return CONFIG_NAMES.map((name) => join(dir, name)).find((file) => existsSync(file)) ?? null;
}

/** The specifiers of a config's imports that name a convex.config (the CLI's filter: /.*convex.config.*\/). */
function configImports(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
  const found: string[] = [];
  for (const match of code.matchAll(/\bimport\s+(?:[^"';]*?\s+from\s+)?["']([^"']+)["']/g)) {
    const specifier = match[1];
    if (specifier?.includes("convex.config") === true) found.push(specifier);
  }
  return found;
}

/** Resolves an import as the CLI does: as written, then `.js` as `.ts`, then with either extension. */
function resolveConfig(specifier: string, fromFile: string): string | null {
  const require = createRequire(fromFile);
  const ext = extname(specifier);
  const candidates = [specifier];
  if (ext === ".js") candidates.push(`${specifier.slice(0, -3)}.ts`);
  if (ext !== ".js" && ext !== ".ts") candidates.push(`${specifier}.js`, `${specifier}.ts`);
  for (const candidate of candidates) {
    try {
      return realpathSync(require.resolve(candidate));
    } catch {
      // the next candidate
    }
  }
  return null;
}

let resolverRegistered = false;

/**
 * Published components ship ESM with extensionless relative imports (`import { x } from "./logging"`: Convex
 * bundles them, so they never needed extensions), which Node's resolver refuses and tsx's resolves. The CLI runs
 * the server under tsx already; a server started inside another program (other packages' tests start one
 * in-process) gets tsx's hooks here, once, before the first component loads.
 */
function registerResolver(): void {
  if (resolverRegistered) return;
  register();
  resolverRegistered = true;
}

async function importDefault(file: string): Promise<unknown> {
  const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  return module.default;
}

/** Gives every definition `file` imports its folder (depth first), so `file` itself can run `use()`. */
async function prepare(file: string, depth: number, done: Set<string>): Promise<void> {
  if (depth > MAX_DEPTH)
    throw new Error(`${file}: components nest more than ${MAX_DEPTH} deep (or import in a cycle).`);
  for (const specifier of configImports(readFileSync(file, "utf8"))) {
    const child = resolveConfig(specifier, file);
    if (child === null || done.has(child)) continue;
    await prepare(child, depth + 1, done);
    const definition = (await importDefault(child)) as Definition | undefined;
    if (typeof definition === "object" && definition._isRoot === false) {
      definition.componentDefinitionPath ??= dirname(child);
      // What the backend gives a definition: a mount without `{ name }` takes the component's own name.
      definition.defaultName ??= definition._name;
    }
    done.add(child);
  }
}

/**
 * A definition path's folder: in source, the path itself (./prepare gave it); in a pushed set, the CLI's path
 * (what codegen knows it by), staged where definitions.json says.
 */
type DefinitionDir = (definitionPath: string) => string | undefined;

function definitionDirs(functionsDir: string): DefinitionDir {
  const file = join(functionsDir, COMPONENTS_DIR, DEFINITION_DIRS);
  if (!existsSync(file)) return (path) => path;
  const staged = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  return (path) => {
    const name = staged[path];
    return name === undefined ? undefined : join(functionsDir, COMPONENTS_DIR, name);
  };
}

async function mount(
  definition: Definition,
  parent: string,
  found: MountedComponent[],
  dirOf: DefinitionDir,
): Promise<void> {
  for (const [name, child] of definition._childComponents ?? []) {
    const definitionPath = child.componentDefinitionPath;
    const dir = definitionPath === undefined ? undefined : dirOf(definitionPath);
    if (dir === undefined) throw new Error(`Component "${name}" has no definition folder.`);
    const path = parent === "" ? name : `${parent}/${name}`;
    if (path.split("/").length > MAX_DEPTH)
      throw new Error(`Component ${path}: components nest more than ${MAX_DEPTH} deep.`);
    const modules = loadModuleMap(dir);
    const { schema } = await schemaOf(modules);
    found.push({ path, dir, schema, modules });
    await mount(child, path, found, dirOf);
  }
}

/** A functions folder's schema.ts default export (null without one) and its file; a failure names the file. */
export async function schemaOf(modules: ModuleMap): Promise<{
  schema: SchemaDefinition<GenericSchema, boolean> | null;
  schemaFile: string | undefined;
}> {
  const schemaFile = Object.keys(modules).find((file) => /[/\\]schema\.[jt]s$/.test(file));
  const schemaModule =
    schemaFile === undefined
      ? undefined
      : await loadAtStartup(schemaFile, () => modules[schemaFile]?.());
  const schema =
    (schemaModule?.default as SchemaDefinition<GenericSchema, boolean> | undefined) ?? null;
  return { schema, schemaFile };
}

/** Every component the app in `functionsDir` mounts, parents before children; none without a convex.config. */
export async function loadComponents(functionsDir: string): Promise<MountedComponent[]> {
  const configFile = configFileOf(functionsDir);
  if (configFile === null) return [];
  registerResolver();
  const app = await loadAtStartup(configFile, async () => {
    await prepare(configFile, 0, new Set());
    return (await importDefault(configFile)) as Definition | undefined;
  });
  if (typeof app !== "object" || app._isRoot !== true)
    throw new Error(`${configFile}: its default export is not defineApp()'s app.`);
  const found: MountedComponent[] = [];
  await mount(app, "", found, definitionDirs(functionsDir));
  return found;
}
