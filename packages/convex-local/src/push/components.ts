// The components a push carries (start_push's `componentDefinitions`, lib/components.ts in the CLI): each
// definition's bundled convex.config.js, schema and functions, keyed by its definition path. They are staged
// inside the pushed set, under node_modules/.components/<n>/ (so the app's module scan never sees them), laid
// out as a functions folder each. The CLI bundles every convex.config with the definitions it mounts left as
// imports of `./_componentDeps/<base64url(definition path)>`, which the backend provides: here a small module
// per definition (deps/<n>.js) that imports the staged definition and gives it its definition path (what `use()` requires)
// and its own name as the default mount name. The staged set then reads as a source tree: the root
// convex.config.js mounts the staged definitions, and ../components loads them as it loads installed packages.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { COMPONENTS_DIR, DEFINITION_DIRS } from "../components";
import { AnalysisError, analyzeModuleSet } from "./analyze";
import type { Analysis } from "./analyze";
import { isModulePath } from "./module-sets";
import type { PushedModule } from "./module-sets";

export interface ComponentDefinitionPush {
  definitionPath: string;
  definition: PushedModule;
  dependencies: string[];
  schema: PushedModule | null;
  functions: PushedModule[];
}

/** What `definition.export()` gives (convex/server's exportAppForAnalysis / exportComponentForAnalysis). */
export interface DefinitionMetadata {
  definitionType: Record<string, unknown>;
  childComponents: { name: string; path: string; args: unknown[]; env: unknown }[];
  httpMounts: Record<string, string>;
  exports: unknown;
  envVars?: unknown;
}

export interface AnalyzedDefinition {
  metadata: DefinitionMetadata;
  analysis: Analysis;
}

export interface StagedComponents {
  /** The app's convex.config analysis (its mounts). */
  app: DefinitionMetadata;
  /** Each pushed definition's, by definition path. */
  definitions: Map<string, AnalyzedDefinition>;
}

const DEPENDENCY = /(["'])\.\/_componentDeps\/([A-Za-z0-9_-]+)\1/g;

/** A definition's bundle with its `./_componentDeps/…` imports pointing at the staged definitions. */
function linkDependencies(
  source: string,
  known: Map<string, string>,
  depsFromHere: string,
  where: string,
): string {
  return source.replace(DEPENDENCY, (_match, quote: string, encoded: string) => {
    const path = Buffer.from(encoded, "base64url").toString("utf8");
    const staged = known.get(path);
    if (staged === undefined)
      throw new AnalysisError(
        `${where} mounts the component definition ${JSON.stringify(path)}, which the push does not carry.`,
      );
    // By the staged folder's number: a definition path can be longer than a file name may be.
    return `${quote}${depsFromHere}/${staged}.js${quote}`;
  });
}

function writeModule(dir: string, module: PushedModule): void {
  if (!isModulePath(module.path))
    throw new AnalysisError(`Invalid module path ${JSON.stringify(module.path)}.`);
  const file = join(dir, module.path);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, module.source);
  if (module.sourceMap !== undefined) writeFileSync(`${file}.map`, module.sourceMap);
}

/** A definition bundle, and its source map beside it (where its sourceMappingURL comment points). */
function writeDefinition(file: string, module: PushedModule, source: string): void {
  writeFileSync(file, source);
  if (module.sourceMap !== undefined) writeFileSync(`${file}.map`, module.sourceMap);
}

async function metadataOf(file: string): Promise<DefinitionMetadata> {
  let definition: { export?: () => DefinitionMetadata } | undefined;
  try {
    definition = ((await import(pathToFileURL(file).href)) as { default?: typeof definition })
      .default;
  } catch (error) {
    throw new AnalysisError(
      `Failed to load ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof definition?.export !== "function")
    throw new AnalysisError(`${file}: its default export is not a component definition.`);
  return definition.export();
}

/**
 * Stages the push's component definitions in the set folder `dir` and the app's convex.config.js beside its
 * modules, then analyzes each (its mounts, schema and functions). A definition the push names but does not
 * carry, a bad module path or a module that does not load refuses the push (AnalysisError).
 */
export async function stageComponents(
  dir: string,
  appDefinition: PushedModule,
  pushed: ComponentDefinitionPush[],
): Promise<StagedComponents> {
  const root = join(dir, COMPONENTS_DIR);
  const deps = join(root, "deps");
  mkdirSync(deps, { recursive: true });
  writeFileSync(join(root, "package.json"), '{ "type": "module" }\n');
  const known = new Map<string, string>();
  pushed.forEach((definition, index) => {
    if (known.has(definition.definitionPath))
      throw new AnalysisError(`Component definition ${definition.definitionPath} is pushed twice.`);
    known.set(definition.definitionPath, String(index));
  });
  for (const definition of pushed) {
    const name = known.get(definition.definitionPath) ?? "";
    const componentDir = join(root, name);
    mkdirSync(join(componentDir, "_generated"), { recursive: true });
    writeFileSync(join(componentDir, "_generated", "server.js"), "export {};\n");
    for (const module of definition.functions) writeModule(componentDir, module);
    if (definition.schema !== null) writeModule(componentDir, definition.schema);
    writeDefinition(
      join(componentDir, "convex.config.js"),
      definition.definition,
      linkDependencies(definition.definition.source, known, "../deps", definition.definitionPath),
    );
    writeFileSync(
      join(deps, `${name}.js`),
      `import definition from "../${name}/convex.config.js";\n` +
        `definition.componentDefinitionPath = ${JSON.stringify(definition.definitionPath)};\n` +
        "definition.defaultName ??= definition._name;\n" +
        "export default definition;\n",
    );
  }
  writeFileSync(join(root, DEFINITION_DIRS), JSON.stringify(Object.fromEntries(known)));
  writeDefinition(
    join(dir, "convex.config.js"),
    appDefinition,
    linkDependencies(appDefinition.source, known, `./${COMPONENTS_DIR}/deps`, "convex.config.js"),
  );

  const definitions = new Map<string, AnalyzedDefinition>();
  for (const definition of pushed) {
    const componentDir = join(root, known.get(definition.definitionPath) ?? "");
    const schemaPath = definition.schema?.path ?? null;
    definitions.set(definition.definitionPath, {
      metadata: await metadataOf(join(componentDir, "convex.config.js")),
      analysis: await analyzeModuleSet(
        componentDir,
        definition.functions.map((module) => module.path),
        schemaPath,
      ),
    });
  }
  return { app: await metadataOf(join(dir, "convex.config.js")), definitions };
}

/** The checked component tree start_push answers with (`app`): each mount, by name, with its children. */
export function checkedTree(
  metadata: DefinitionMetadata,
  definitions: Map<string, AnalyzedDefinition>,
  parent: string,
): Record<string, unknown> {
  return Object.fromEntries(
    metadata.childComponents.map((child) => {
      const componentPath = parent === "" ? child.name : `${parent}/${child.name}`;
      const analyzed = definitions.get(child.path);
      return [
        child.name,
        {
          definitionPath: child.path,
          componentPath,
          args: {},
          childComponents:
            analyzed === undefined
              ? {}
              : checkedTree(analyzed.metadata, definitions, componentPath),
          httpRoutes: { httpModuleRoutes: analyzed?.analysis.httpRoutes ?? null, mounts: [] },
          exports: {},
        },
      ];
    }),
  );
}
