// The push protocol of `npx convex deploy` / `dev` / `codegen` (the CLI's lib/deploy2.ts, lib/components.ts):
// start_push stages the bundles as files and analyzes them; wait_for_schema checks the stored documents
// against the pushed schema; finish_push swaps the engine to the staged set (refused, the old code keeps
// serving); get_config_hashes tells the CLI which modules it need not send again.
import { TokenVerifier } from "../auth";
import type { Engine } from "../engine";
import { loadAuthConfig } from "../engine";
import { HttpError } from "../http";
import { tableOfId } from "../ids";
import type { Analysis, AuthInfo } from "./analyze";
import { AnalysisError, analyzeModuleSet } from "./analyze";
import type { AnalyzedDefinition, StagedComponents } from "./components";
import { checkedTree, stageComponents } from "./components";
import type { Manifest, ModuleSet, ModuleSets, PushedModule } from "./module-sets";
import { bundleHash, isModulePath } from "./module-sets";
import type { StartPushRequest } from "./protocol";
import type { IndexDiff, SchemaViolation } from "./schema-diff";
import { indexDiff, indexesOf, schemaViolation } from "./schema-diff";

/** Staged pushes kept for their finish_push (codegen starts pushes it never finishes). */
const MAX_STAGED = 4;

interface Staged {
  id: string;
  set: ModuleSet;
  analysis: Analysis;
  /** The components the push mounts (../components staged them); null for an app without any. */
  components: StagedComponents | null;
  previous: Manifest | null;
}

export type SchemaStatus =
  | { type: "complete" }
  | { type: "failed"; error: string; componentPath: string; tableName: string | null };

const ROOT = "";

export class PushService {
  private readonly staged = new Map<string, Staged>();
  private nextId = 1;

  constructor(
    private readonly engine: Engine,
    private readonly verifier: TokenVerifier,
    private readonly sets: ModuleSets,
    /** The deployment's environment variables (start_push echoes them). */
    private readonly environment: () => Record<string, string> = () => ({}),
  ) {}

  configHashes() {
    const current = this.sets.current()?.manifest ?? null;
    return {
      config: { functions: current?.functions ?? "convex/", authInfo: current?.auth ?? [] },
      moduleHashes: current?.modules ?? [],
      nodeDependencies: [],
      udfServerVersion: current?.udfServerVersion ?? null,
    };
  }

  /** The modules a push names: its changed bundles plus the unchanged ones taken from the serving set. */
  private modulesOf(request: StartPushRequest): PushedModule[] {
    const app = request.appDefinition;
    const current = this.sets.current();
    const modules: PushedModule[] = [...app.changedModules];
    for (const unchanged of app.unchangedModuleHashes) {
      const module = current === null ? null : this.sets.read(current, unchanged.path);
      if (module === null || bundleHash(module) !== unchanged.sha256)
        throw new HttpError(
          400,
          "ModuleNotFound",
          `The push names ${unchanged.path} as unchanged, but this deployment has no such module: push all modules.`,
        );
      modules.push(module);
    }
    if (app.schema !== null) modules.push(app.schema);
    const paths = new Set<string>();
    for (const module of modules) {
      if (!isModulePath(module.path))
        throw new HttpError(
          400,
          "InvalidModulePath",
          `Invalid module path ${JSON.stringify(module.path)}.`,
        );
      if (paths.has(module.path))
        throw new HttpError(400, "InvalidModulePath", `Module ${module.path} is pushed twice.`);
      paths.add(module.path);
    }
    return modules;
  }

  /** Stages and analyzes a push; `keep` holds it for finish_push (start_push), else it is dropped. */
  async stage(request: StartPushRequest, keep: boolean): Promise<Staged> {
    const modules = this.modulesOf(request);
    const schemaPath = request.appDefinition.schema?.path ?? null;
    const { dir, modules: hashes } = this.sets.stage(modules);
    try {
      // The CLI sends a synthesized convex.config.js even for an app without one: only mounts are staged.
      const { definition } = request.appDefinition;
      const components =
        definition !== null &&
        (request.componentDefinitions.length > 0 || request.appDefinition.dependencies.length > 0)
          ? await stageComponents(dir, definition, request.componentDefinitions)
          : null;
      const analysis = await analyzeModuleSet(
        dir,
        modules.map((module) => module.path).filter((path) => path !== schemaPath),
        schemaPath,
      );
      const set = this.sets.seal(dir, {
        modules: hashes.filter((module) => module.path !== schemaPath),
        schema: schemaPath,
        functions: request.functions,
        nodeVersion: request.nodeVersion ?? null,
        udfServerVersion: request.appDefinition.udfServerVersion,
        schemaJson: analysis.schema,
        auth: analysis.auth,
        crons: analysis.crons,
      });
      const staged: Staged = {
        id: `push-${this.nextId++}`,
        set,
        analysis,
        components,
        previous: this.sets.current()?.manifest ?? null,
      };
      if (keep) this.keep(staged);
      else this.sets.discard(set);
      return staged;
    } catch (error) {
      this.sets.discard({ dir });
      if (error instanceof AnalysisError) throw new HttpError(400, "InvalidModules", error.message);
      throw error;
    }
  }

  private keep(staged: Staged): void {
    this.staged.set(staged.id, staged);
    for (const [id, old] of this.staged) {
      if (this.staged.size <= MAX_STAGED) break;
      this.staged.delete(id);
      this.sets.discard(old.set);
    }
  }

  private indexDiffOf(staged: Staged): IndexDiff {
    return indexDiff(staged.previous?.schemaJson ?? null, staged.analysis.schema);
  }

  startPushResponse(staged: Staged) {
    const { analysis, components } = staged;
    const udfConfig = {
      serverVersion: staged.set.manifest.udfServerVersion,
      importPhaseRngSeed: null,
      importPhaseUnixTimestamp: null,
    };
    const definitions = components?.definitions ?? new Map<string, AnalyzedDefinition>();
    return {
      environmentVariables: this.environment(),
      externalDepsId: null,
      componentDefinitionPackages: {},
      appAuth: analysis.auth,
      analysis: {
        [ROOT]: {
          definition: {
            definitionType: { type: "app" },
            childComponents: [],
            httpMounts: {},
            exports: { type: "branch", branch: [] },
            envVars: null,
            ...components?.app,
            path: ROOT,
          },
          schema: analysis.schema,
          functions: analysis.functions,
          udfConfig,
        },
        // Each definition the app (or a component) mounts, as codegen reads them for `components.*` types.
        ...Object.fromEntries(
          [...definitions].map(([path, { metadata, analysis: definition }]) => [
            path,
            {
              definition: { envVars: null, ...metadata, path },
              schema: definition.schema,
              functions: definition.functions,
              udfConfig,
            },
          ]),
        ),
      },
      app: {
        definitionPath: ROOT,
        componentPath: ROOT,
        args: {},
        childComponents: components === null ? {} : checkedTree(components.app, definitions, ROOT),
        httpRoutes: { httpModuleRoutes: analysis.httpRoutes, mounts: [] },
        exports: {},
      },
      schemaChange: this.schemaChange(staged),
    };
  }

  schemaChange(staged: Staged) {
    return {
      allocatedComponentIds: {},
      schemaIds: { [ROOT]: staged.id },
      indexDiffs: { [ROOT]: this.indexDiffOf(staged) },
    };
  }

  /** evaluate_schema: what the push would do to each table and index (no document is read twice). */
  evaluateSchema(staged: Staged) {
    const counts = new Map<string, number>();
    for (const [id] of this.engine.documents()) {
      const table = tableOfId(id);
      if (table !== null) counts.set(table, (counts.get(table) ?? 0) + 1);
    }
    const schema = staged.analysis.schema;
    const diff = this.indexDiffOf(staged);
    const key = (index: object) => JSON.stringify(index);
    const added = new Set(diff.added_indexes.map(key));
    const tableOf = (name: string) => name.split(".")[0] ?? "";
    const indexes = [
      ...indexesOf(schema).map((index) => ({
        ...index,
        change: added.has(key(index)) ? "added" : "identical",
        needsBackfill: added.has(key(index)) && (counts.get(tableOf(index.name)) ?? 0) > 0,
        numDocs: counts.get(tableOf(index.name)) ?? 0,
      })),
      ...diff.removed_indexes.map((index) => ({
        ...index,
        change: "dropped",
        needsBackfill: false,
        numDocs: counts.get(tableOf(index.name)) ?? 0,
      })),
    ];
    return {
      componentSchemaEvaluations: {
        [ROOT]: {
          definitionPath: ROOT,
          schemaValidation: schema?.schemaValidation ?? false,
          tables: (schema?.tables ?? []).map((table) => ({
            name: table.tableName,
            outcome: "mustWalk",
            numDocs: counts.get(table.tableName) ?? 0,
            sizeBytes: 0,
          })),
          indexes,
          discardedStagedValidators: [],
        },
      },
      newComponentDefinitions: [],
    };
  }

  private lookup(schemaIds: unknown): Staged {
    const id =
      typeof schemaIds === "object" && schemaIds !== null
        ? (schemaIds as Record<string, unknown>)[ROOT]
        : undefined;
    const staged = typeof id === "string" ? this.staged.get(id) : undefined;
    if (staged === undefined)
      throw new HttpError(
        400,
        "PushNotFound",
        "This push is unknown or expired (the server restarted, or newer pushes replaced it): push again.",
      );
    return staged;
  }

  private violation(staged: Staged): SchemaViolation | null {
    return schemaViolation(staged.analysis.schema, this.engine.documents());
  }

  /** wait_for_schema: the stored documents checked against the staged schema, at once. */
  waitForSchema(schemaIds: unknown): SchemaStatus {
    const violation = this.violation(this.lookup(schemaIds));
    return violation === null
      ? { type: "complete" }
      : {
          type: "failed",
          error: violation.error,
          componentPath: ROOT,
          tableName: violation.tableName,
        };
  }

  /** finish_push: the staged set serves from now on, unless a document violates its schema (checked again). */
  async finishPush(schemaIds: unknown, dryRun: boolean) {
    const staged = this.lookup(schemaIds);
    const diff = this.diff(staged);
    if (dryRun) return diff;
    // Checked before the swap: an auth config this server cannot use refuses the push, changing nothing.
    const authConfig = await loadAuthConfig(staged.set.dir);
    try {
      TokenVerifier.fromConfig(authConfig);
    } catch (error) {
      throw new HttpError(
        400,
        "InvalidAuthConfig",
        `auth.config.js: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const refusal = await this.engine.replaceFunctions(staged.set.dir, (documents) =>
      schemaViolation(staged.analysis.schema, documents),
    );
    if (refusal !== null)
      throw new HttpError(
        400,
        "SchemaValidationFailed",
        `Schema validation failed.\n${refusal.error}`,
      );
    this.verifier.replace(authConfig);
    this.staged.delete(staged.id);
    this.sets.commit(
      staged.set,
      [...this.staged.values()].map((other) => other.set),
    );
    return diff;
  }

  private diff(staged: Staged) {
    const previous = staged.previous;
    const before = new Set(previous?.modules.map((module) => module.path) ?? []);
    const after = new Set(staged.set.manifest.modules.map((module) => module.path));
    const beforeCrons = new Set(previous?.crons ?? []);
    const authKey = (info: AuthInfo) => JSON.stringify(info);
    const beforeAuth = new Set((previous?.auth ?? []).map(authKey));
    const afterAuth = new Set(staged.analysis.auth.map(authKey));
    const schemaText = (schema: unknown) => (schema === null ? null : JSON.stringify(schema));
    return {
      authDiff: {
        added: [...afterAuth].filter((info) => !beforeAuth.has(info)),
        removed: [...beforeAuth].filter((info) => !afterAuth.has(info)),
      },
      definitionDiffs: {},
      componentDiffs: {
        [ROOT]: {
          diffType: { type: previous === null ? "create" : "modify" },
          moduleDiff: {
            added: [...after].filter((path) => !before.has(path)),
            removed: [...before].filter((path) => !after.has(path)),
          },
          udfConfigDiff: null,
          cronDiff: {
            added: staged.analysis.crons.filter((name) => !beforeCrons.has(name)),
            updated: staged.analysis.crons.filter((name) => beforeCrons.has(name)),
            deleted: [...beforeCrons].filter((name) => !staged.analysis.crons.includes(name)),
          },
          indexDiff: this.indexDiffOf(staged),
          schemaDiff: {
            previous_schema: schemaText(previous?.schemaJson ?? null),
            next_schema: schemaText(staged.analysis.schema),
          },
        },
      },
    };
  }

  close(): void {
    this.staged.clear();
    this.sets.close();
  }
}
