// Executes the project's real Convex functions on convex-test's in-memory database, and adds what a
// server needs on top: persistence, commit notifications with the documents each write changed, what
// each query read (./read-set: so only affected subscriptions re-run), and a cache of query results.
import { AsyncLocalStorage } from "node:async_hooks";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { convexTest } from "convex-test";
import type {
  FunctionReference,
  GenericSchema,
  SchemaDefinition,
  UserIdentity,
} from "convex/server";
import { makeFunctionReference } from "convex/server";
import type { JSONValue, Value } from "convex/values";
import { convexToJson, jsonToConvex } from "convex/values";

import { argumentValidationError } from "./arg-validation";
import type { Address } from "./component-scope";
import {
  addressOf,
  handleOf,
  scopedId,
  scopedQuery,
  scopedTable,
  splitScopedId,
} from "./component-scope";
import type { MountedComponent } from "./components";
import { loadComponents, schemaOf } from "./components";
import { CronScheduler } from "./crons";
import { describeError } from "./errors";
import { FunctionLog } from "./function-log";
import type { FunctionInfo, ModuleMap } from "./functions";
import { canonicalPath, describeFunction, listPublicFunctions, loadModuleMap } from "./functions";
import { tableOfId } from "./ids";
import type { PaginationPin } from "./journal";
import { encodeJournal, parseJournal } from "./journal";
import { collectLogs } from "./log-capture";
import { Mutex } from "./mutex";
import type { StoreState } from "./persistence";
import { FileStore } from "./persistence";
import { QueryCache } from "./query-cache";
import type { WrittenDocument } from "./read-set";
import { EVERYTHING, ReadSet } from "./read-set";
import type { JobRunner, ScheduledJob } from "./scheduled-resume";
import { scheduledJob, ScheduledResumer } from "./scheduled-resume";
import { ScheduledTargets } from "./scheduled-targets";
import { SnapshotState } from "./snapshot/snapshot-state";
import { loadAtStartup, openDataFolder } from "./startup";
import { BlobStore, DEFAULT_MAX_FILE_BYTES } from "./storage";
import type { StorageDatabase } from "./storage-syscalls";
import { FileStorage } from "./storage-syscalls";
import { nextTs } from "./timestamp";
import { decodeArgs } from "./value-decoder";

type Doc = Record<string, Value>;

const SYSTEM_TABLES = ["_storage", "_scheduled_functions"];
const UDF_TYPES = { Q: "Query", M: "Mutation", A: "Action" } as const;
/** Function lookups remembered (./functions); past this the memo starts over. */
const MAX_DESCRIBED = 10_000;

/** The parts of convex-test's DatabaseFake this server relies on (checked at start-up). */
export interface DatabaseFake {
  _documents: Record<string, Doc>;
  _nextDocId: number;
  _lastCreationTime: number;
  _writes: Record<string, Doc | null>[];
  _queryResults: Record<number, unknown>;
  _schema: { tables: Map<string, unknown> } | null;
  commit(commitTs?: unknown): void;
  patch(table: string, id: string, value: Doc): void;
  insert(table: string, value: Doc): string;
  get(table: string, id: string): Doc | null;
  _validate(table: string, doc: Doc): void;
  /** Stages a write (null: a deletion) in the running transaction. */
  _addWrite(id: string, value: Doc | null): void;
  _generateId(table: string): string;
}
type Syscall = (op: string, jsonArgs: string) => string;
type AsyncSyscall = (op: string, jsonArgs: string) => Promise<string>;
type JsSyscall = (op: string, args: Record<string, unknown>) => Promise<unknown>;
interface ConvexGlobal {
  components: Record<string, { db: DatabaseFake; modules: unknown }>;
  /** Commits (or rolls back) every component's staged writes together: one transaction across components. */
  transactionManager: { commit(isNested: boolean): unknown };
  syscall: Syscall;
  asyncSyscall: AsyncSyscall;
  jsSyscall: JsSyscall;
}

export type Outcome =
  | { ok: true; value: JSONValue; logLines: string[] }
  | { ok: false; errorMessage: string; errorData?: JSONValue; logLines: string[] };

export interface QueryOutcome {
  outcome: Outcome;
  /** What the query read: a commit that touches it may change the outcome. */
  reads: ReadSet;
  /** The query journal to send with the result and to re-run it with (see ./journal). */
  journal: string | null;
}

export type CommitListener = (writes: readonly WrittenDocument[], ts: bigint) => void;

type Tester = ReturnType<typeof convexTest>;

/** convex-test's per-call context: which component the running function belongs to. */
type ExecutionContext = AsyncLocalStorage<{ componentPath?: unknown } | undefined>;

/**
 * Finds convex-test's per-instance state and its per-call context, which it keeps in AsyncLocalStorages it
 * does not export.
 */
async function captureGlobal(t: Tester): Promise<ConvexGlobal & { execution: ExecutionContext }> {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- restored below, always called with .call(this)
  const originalRun = AsyncLocalStorage.prototype.run;
  let found: ConvexGlobal | undefined;
  let execution: ExecutionContext | undefined;
  AsyncLocalStorage.prototype.run = function (
    this: AsyncLocalStorage<unknown>,
    store: unknown,
    ...rest: never[]
  ) {
    const candidate = store as Partial<ConvexGlobal> | null;
    if (
      found === undefined &&
      typeof candidate === "object" &&
      candidate?.components?.[""]?.db !== undefined
    ) {
      found = candidate as ConvexGlobal;
    }
    const context = store as { componentPath?: unknown; udfType?: unknown } | null;
    if (
      execution === undefined &&
      typeof context === "object" &&
      typeof context?.componentPath === "string" &&
      typeof context.udfType === "string"
    )
      execution = this as ExecutionContext;
    return (originalRun as (...args: unknown[]) => unknown).call(this, store, ...rest);
  } as typeof originalRun;
  try {
    await t.run(() => Promise.resolve());
  } finally {
    AsyncLocalStorage.prototype.run = originalRun;
  }
  const db = found?.components[""]?.db;
  if (
    found === undefined ||
    execution === undefined ||
    db === undefined ||
    typeof db.commit !== "function" ||
    typeof found.transactionManager.commit !== "function" ||
    !("_documents" in db)
  ) {
    throw new Error(
      "convex-test internals changed: this convex-local needs the pinned convex-test version.",
    );
  }
  return Object.assign(found, { execution });
}

/** A fresh convex-test instance serving `loaded`: the app's functions and every component it mounts. */
function testerFor(loaded: Awaited<ReturnType<typeof loadFunctions>>): Tester {
  const t = convexTest({ schema: loaded.schema, modules: loaded.modules });
  for (const component of loaded.components)
    // convex-test takes a missing schema as null (any table), as Convex does.
    t.registerComponent(
      component.path,
      component.schema as unknown as SchemaDefinition<GenericSchema, boolean>,
      component.modules,
    );
  return t;
}

export interface EngineOptions {
  functionsDir: string;
  /** Where the data lives; null keeps it in memory only. */
  dataDir: string | null;
  /** The largest file storage accepts (./storage). */
  maxFileBytes?: number;
}

/** A functions folder's modules, schema, exported crons and components (a failure names the file). */
async function loadFunctions(functionsDir: string) {
  // First: convex.config.ts must run before anything imports it (the module map's banner lists every file).
  const components: MountedComponent[] = await loadComponents(functionsDir);
  const modules = loadModuleMap(functionsDir);
  const found = await schemaOf(modules);
  const schema = found.schema ?? undefined;
  const { schemaFile } = found;
  const exportedCrons = await cronsOf(modules);
  const componentCrons = new Map<string, string>();
  for (const component of components) {
    const exported = await cronsOf(component.modules);
    if (exported !== null) componentCrons.set(component.path, exported);
  }
  return { modules, schema, schemaFile, exportedCrons, components, componentCrons };
}

/** The jobs a module set's crons.ts exports (null: none). */
async function cronsOf(modules: ModuleMap): Promise<string | null> {
  const cronsFile = Object.keys(modules).find((file) => /[/\\]crons\.[jt]s$/.test(file));
  if (cronsFile === undefined) return null;
  return await loadAtStartup(cronsFile, async () => {
    const crons = (await modules[cronsFile]?.())?.default as { export?: () => string } | undefined;
    return crons?.export?.() ?? null;
  });
}

export class Engine {
  ts = 0n;
  /**
   * Serializes client mutations with subscription refreshes, so a refresh sees one consistent timestamp.
   * (convex-test already runs one function at a time; this spans a whole batch of query re-runs.)
   */
  readonly writeLock = new Mutex();
  private readonly listeners = new Set<CommitListener>();
  private readonly reads = new AsyncLocalStorage<ReadSet>();
  /** Query results shared by identical calls until a commit touches what they read. */
  private readonly queryCache = new QueryCache<QueryOutcome>();
  /** Every run, for `npx convex logs` (./function-log). */
  readonly functionLog = new FunctionLog();
  /** Uploads, imports and the latest export of `npx convex import/export` (./snapshot). */
  readonly snapshots = new SnapshotState();
  /** Function lookups by path: modules change only by a push (replaceFunctions clears this). */
  private readonly described = new Map<string, Promise<FunctionInfo | null>>();
  private idTableSet: Set<string> | null | undefined;
  private readonly pins = new AsyncLocalStorage<PaginationPin>();
  /** The component each job scheduled into another component runs in (./scheduled-targets). */
  private readonly scheduledTargets = new ScheduledTargets();
  private readonly resumer = new ScheduledResumer(this.jobRunner(), (line) => console.error(line));
  private closed = false;
  readonly files: FileStorage;
  /** The jobs of crons.ts, running; set once the engine is ready. */
  crons: CronScheduler | null = null;
  /** The jobs of each mounted component's crons.ts. */
  private componentCrons: CronScheduler[] = [];
  /** The mounted components by path: their folders and modules (their databases are in `global`). */
  private mounted = new Map<string, MountedComponent>();
  /** Stored documents of components no longer mounted: kept (as Convex keeps them), not served. */
  private unmounted: Record<string, JSONValue> = {};

  private constructor(
    private readonly t: Tester,
    private readonly global: ConvexGlobal & { execution: ExecutionContext },
    private readonly db: DatabaseFake,
    private modules: ModuleMap,
    public functionsDir: string,
    private readonly store: FileStore | null,
    blobs: BlobStore,
    public tables: string[],
    readonly documentCount: number,
  ) {
    this.files = new FileStorage(blobs, this.storageDatabase());
  }

  static async create(options: EngineOptions): Promise<Engine> {
    const loaded = await loadFunctions(options.functionsDir);
    const { modules, schemaFile, exportedCrons } = loaded;
    const t = testerFor(loaded);
    const global = await captureGlobal(t);
    const db = global.components[""]?.db;
    if (db === undefined) throw new Error("convex-test has no root component database.");
    const { dataDir } = options;
    const store = dataDir === null ? null : openDataFolder(dataDir, () => new FileStore(dataDir));
    const state = store?.load() ?? null;
    const tables = db._schema === null ? [] : [...db._schema.tables.keys()];
    const blobs = openDataFolder(
      dataDir ?? "(in memory)",
      () => new BlobStore(dataDir, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES),
    );
    const engine = new Engine(
      t,
      global,
      db,
      modules,
      options.functionsDir,
      store,
      blobs,
      tables,
      0,
    );
    engine.mounted = new Map(loaded.components.map((component) => [component.path, component]));
    if (state !== null)
      engine.restore(state, schemaFile ?? join(options.functionsDir, "schema.ts"));
    engine.instrument(global);
    engine.resumer.resume(engine.scheduledJobs());
    await engine.startCrons(exportedCrons, loaded.componentCrons);
    return engine;
  }

  /** Runs the app's crons.ts and each component's, a component's jobs in that component. */
  private async startCrons(app: string | null, components: Map<string, string>): Promise<void> {
    this.stopCrons();
    const log = (line: string) => console.error(line);
    this.crons = await CronScheduler.start(app, this.jobRunner(), log);
    this.componentCrons = [];
    for (const [component, exported] of components) {
      const runner = this.jobRunner();
      const inComponent = (udfPath: string) => handleOf({ component, udfPath });
      this.componentCrons.push(
        await CronScheduler.start(
          exported,
          {
            kindOf: (name) => runner.kindOf(inComponent(name)),
            run: (kind, name, args) => runner.run(kind, inComponent(name), args),
          },
          (line) => log(`[component ${component}] ${line}`),
        ),
      );
    }
  }

  /** Stops every cron timer: the app's and each component's (a stopped server must not run them on). */
  private stopCrons(): void {
    this.crons?.stop();
    for (const crons of this.componentCrons) crons.stop();
  }

  /** A component's database (the app's for ""); null when no such component is mounted. */
  private dbOf(component: string): DatabaseFake | null {
    return this.global.components[component]?.db ?? null;
  }

  /** The component the running function belongs to ("" for the app's own). */
  private currentComponent(): string {
    const path = this.global.execution.getStore()?.componentPath;
    return typeof path === "string" ? path : "";
  }

  /** Whether a component is mounted at `path` ("" is the app, not a component). */
  hasComponent(path: string): boolean {
    return this.mounted.has(path);
  }

  /** Every mounted component's path, parents before children (`_system/frontend/components:list`). */
  componentPaths(): string[] {
    return [...this.mounted.keys()];
  }

  /** Loads persisted documents, checking each against the current schema (its component's schema). */
  private restore(state: StoreState, schemaFile: string): void {
    const byComponent = new Map<string, Record<string, JSONValue>>([["", {}]]);
    for (const [key, json] of Object.entries(state.documents)) {
      const { component, id } = splitScopedId(key);
      if (component !== "" && this.dbOf(component) === null) {
        this.unmounted[key] = json;
        continue;
      }
      let documents = byComponent.get(component);
      if (documents === undefined) byComponent.set(component, (documents = {}));
      documents[id] = this.scheduledTargets.restored(key, id, json);
    }
    for (const [component, documents] of byComponent) {
      const db = this.dbOf(component);
      if (db === null) continue;
      const counters = component === "" ? state : state.components?.[component];
      this.restoreInto(
        db,
        documents,
        counters ?? null,
        component === "" ? schemaFile : `${this.mounted.get(component)?.dir ?? component}/schema`,
      );
    }
    this.ts = BigInt(state.ts);
    (this as { documentCount: number }).documentCount = Object.keys(state.documents).length;
  }

  private restoreInto(
    db: DatabaseFake,
    stored: Record<string, JSONValue>,
    counters: { nextDocId: number; lastCreationTime: number } | null,
    schemaFile: string,
  ): void {
    const documents: Record<string, Doc> = {};
    const problems: string[] = [];
    for (const [id, json] of Object.entries(stored)) {
      const doc = jsonToConvex(json) as Doc;
      const table = tableOfId(id);
      if (table === null) {
        problems.push(`${id}: not a document id`);
        continue;
      }
      if (!table.startsWith("_")) {
        if (db._schema !== null && !db._schema.tables.has(table)) {
          problems.push(`${id}: table "${table}" is not in the schema`);
        } else {
          const { _id, _creationTime, ...fields } = doc;
          try {
            db._validate(table, fields);
          } catch (error) {
            problems.push(
              `${id} (${table}): ${error instanceof Error ? error.message : String(error)}`,
            );
          }
          void _id;
          void _creationTime;
        }
      }
      documents[id] = doc;
    }
    if (problems.length > 0) {
      const shown = problems.slice(0, 5).join("\n  ");
      throw new Error(
        `Schema mismatch: ${problems.length} stored document(s) in ${this.store?.dir ?? "memory"} no longer match ${schemaFile}:\n  ${shown}\n` +
          `Fix the schema, or wipe the local data with \`pnpm --filter @repo/convex-local reset\`.`,
      );
    }
    db._documents = documents;
    if (counters !== null) {
      db._nextDocId = counters.nextDocId;
      db._lastCreationTime = counters.lastCreationTime;
      return;
    }
    // No counters kept (a component mounted again): continue after the documents' own ids and times.
    for (const [id, doc] of Object.entries(documents)) {
      db._nextDocId = Math.max(db._nextDocId, Number.parseInt(id, 10) + 1);
      db._lastCreationTime = Math.max(db._lastCreationTime, Number(doc._creationTime ?? 0));
    }
  }

  private instrument(global: ConvexGlobal): void {
    // One transaction spans every component it touched (an app mutation calling a component's), and convex-test
    // commits them all in one call: seen here as one commit, persisted and announced once.
    const manager = global.transactionManager;
    const originalCommit = manager.commit.bind(manager);
    manager.commit = (isNested: boolean) => {
      const staged: { component: string; id: string; before: Doc | null }[] = [];
      if (!isNested)
        for (const [component, { db }] of Object.entries(global.components)) {
          const writes = db._writes.length === 1 ? db._writes[0] : undefined;
          for (const id of Object.keys(writes ?? {}))
            staged.push({ component, id, before: db._documents[id] ?? null });
        }
      const result = originalCommit(isNested);
      if (staged.length > 0) this.committed(staged);
      return result;
    };

    const syscall = global.syscall;
    global.syscall = (op, jsonArgs) => {
      if (op === "1.0/queryStream")
        this.reads
          .getStore()
          ?.addQuery(
            scopedQuery(
              this.currentComponent(),
              (JSON.parse(jsonArgs) as { query: unknown }).query,
            ),
          );
      // convex-test keeps every query's results until the test ends; a server must free them. The runtime
      // cleans up queries closed early (first(), take(), unique()).
      if (op === "1.0/queryCleanup") {
        const db = this.dbOf(this.currentComponent());
        if (db !== null)
          delete db._queryResults[(JSON.parse(jsonArgs) as { queryId: number }).queryId];
      }
      return syscall(op, jsonArgs);
    };
    const jsSyscall = global.jsSyscall;
    global.jsSyscall = (op, args) =>
      op === "storage/storeBlob" || op === "storage/getBlob"
        ? this.files.jsSyscall(op, args)
        : jsSyscall(op, args);
    const asyncSyscall = global.asyncSyscall;
    global.asyncSyscall = async (op, jsonArgs) => {
      const args = JSON.parse(jsonArgs) as {
        id?: string;
        table?: string;
        query?: unknown;
        queryId?: number;
      };
      const reads = this.reads.getStore();
      const component = this.currentComponent();
      // A query or mutation calling another function (into a component, typically): its arguments are checked
      // at the boundary with Convex's wording, before convex-test's own check, and a refusal fails the caller.
      if (op === "1.0/runUdf") {
        const invalid = await this.callRefusal(component, JSON.parse(jsonArgs) as NestedCall);
        if (invalid !== null) throw new Error(invalid);
      }
      if (op === "1.0/schedule") {
        const result = await asyncSyscall(op, jsonArgs);
        const target = nestedTarget(component, JSON.parse(jsonArgs) as NestedCall);
        const jobId = JSON.parse(result) as unknown;
        if (target !== null && typeof jobId === "string")
          this.scheduledTargets.record(scopedId(component, jobId), component, target.component);
        return result;
      }
      const table = args.table === undefined ? null : scopedTable(component, args.table);
      if (op === "1.0/get") {
        if (args.id === undefined) reads?.addTable(table);
        else reads?.addDocument(scopedId(component, args.id));
      } else if (op === "1.0/queryPage") reads?.addQuery(scopedQuery(component, args.query));
      else if (op === "1.0/count") reads?.addTable(table);
      if (op.startsWith("1.0/storage")) {
        if (op !== "1.0/storageGenerateUploadUrl" && op !== "1.0/storageStore")
          reads?.addTable("_storage");
        const answer = await this.files.syscall(op, args);
        if (answer !== undefined) return JSON.stringify(answer);
      }
      const pin = op === "1.0/queryPage" ? this.pins.getStore() : undefined;
      const result = await asyncSyscall(op, pin === undefined ? jsonArgs : pin.pinArgs(jsonArgs));
      pin?.record(result);
      // ...and drained ones here. The answer is `{"value":<doc>,"done":<bool>}`: only its last key says the
      // stream ended (a document may have a `done: true` field of its own).
      if (
        op === "1.0/queryStreamNext" &&
        args.queryId !== undefined &&
        result.endsWith('"done":true}')
      ) {
        const db = this.dbOf(component);
        if (db !== null) delete db._queryResults[args.queryId];
      }
      return result;
    };
  }

  /** Why a nested call's arguments fail its target's validator; null when they pass (or it has none). */
  private async callRefusal(caller: string, call: NestedCall): Promise<string | null> {
    const target = nestedTarget(caller, call);
    if (target === null) return null;
    const validator = (await this.describe(handleOf(target)))?.args ?? null;
    if (validator === null) return null;
    return argumentValidationError(
      decodeArgs(call.args ?? {}),
      validator,
      this.idTables(target.component),
    );
  }

  /**
   * Scheduled functions found in the restored data (./scheduled-resume runs them). A component's job is known
   * by its scoped id and runs as that component's function (its handle).
   */
  private scheduledJobs(): ScheduledJob[] {
    return Object.entries(this.global.components).flatMap(([component, { db }]) =>
      Object.entries(db._documents).flatMap(([id, doc]) => {
        const job = tableOfId(id) === "_scheduled_functions" ? scheduledJob(id, doc) : null;
        const key = scopedId(component, id);
        // Run where it was scheduled to run: its own component unless it was scheduled into another.
        const target = this.scheduledTargets.targetOf(key) ?? component;
        return job === null
          ? []
          : [{ ...job, id: key, name: handleOf({ component: target, udfPath: job.name }) }];
      }),
    );
  }

  private jobRunner(): JobRunner {
    return {
      kindOf: async (name) => (await this.describe(name))?.kind ?? null,
      transition: (id, from, to) =>
        this.writeLock.run(() =>
          this.t.run(() => {
            const scoped = splitScopedId(id);
            const db = this.dbOf(scoped.component);
            const kind = (db?._documents[scoped.id]?.state as { kind?: unknown } | undefined)?.kind;
            if (typeof kind !== "string" || !from.includes(kind)) return Promise.resolve(false);
            // convex-test stages writes in every component's database at once, whichever runs.
            db?.patch("_scheduled_functions", scoped.id, to);
            return Promise.resolve(true);
          }),
        ),
      run: (kind, name, args) =>
        kind === "mutation" ? this.mutation(name, args, null) : this.action(name, args, null),
    };
  }

  /** The database side of file storage (./storage-syscalls). */
  private storageDatabase(): StorageDatabase {
    return {
      get: (storageId) => this.db.get("_storage", storageId),
      committed: (storageId) => this.db._documents[storageId] ?? null,
      insert: async (fields, then) => {
        const insert = () => {
          const id = this.db.insert("_storage", fields);
          then(id);
          return id;
        };
        // Inside a mutation the row joins its transaction; elsewhere (actions, uploads) it commits alone.
        if (this.db._writes.length > 0) return insert();
        return await this.t.run(() => Promise.resolve(insert()));
      },
    };
  }

  /**
   * Runs `work` on the database as one transaction (snapshot export and import, ./snapshot): what it stages with
   * `_addWrite` commits, persists and reaches subscribers as one commit; if it throws, nothing is written.
   */
  async transact<T>(work: (db: DatabaseFake) => T): Promise<T> {
    // Result and error go around convex-test's run, which would re-encode them as Convex values.
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    try {
      await this.writeLock.run(() =>
        this.t.run(() => {
          try {
            outcome = { ok: true, value: work(this.db) };
          } catch (error) {
            outcome = { ok: false, error };
            throw error;
          }
          return Promise.resolve(null);
        }),
      );
    } catch (error) {
      if (outcome === undefined) throw error;
    }
    if (outcome === undefined) throw new Error("transact: the transaction did not run.");
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** Stores an upload (POST to an upload URL). */
  upload(bytes: Uint8Array, contentType: string | null): Promise<string> {
    return this.writeLock.run(() => this.files.store(bytes, contentType));
  }

  private committed(staged: { component: string; id: string; before: Doc | null }[]): void {
    this.ts = nextTs(this.ts);
    const writes: Record<string, JSONValue | null> = {};
    const written: WrittenDocument[] = [];
    const touched = new Set<string>();
    for (const { component, id, before } of staged) {
      const doc = this.dbOf(component)?._documents[id];
      const key = scopedId(component, id);
      writes[key] =
        doc === undefined ? null : this.scheduledTargets.persisted(key, id, convexToJson(doc));
      // The row is gone (ctx.storage.delete): so is the file.
      if (component === "" && doc === undefined && BlobStore.isStorageId(id))
        this.files.blobs.delete(id);
      // convex-test's ids always name their table; "" (no table) would still match reads of the id itself.
      const table = scopedTable(component, tableOfId(id) ?? "");
      written.push({ id: key, table, before, after: doc ?? null });
      touched.add(component);
    }
    this.queryCache.invalidate((outcome) => outcome.reads.touchedBy(written));
    // A closed engine's leftover timers (convex-test's scheduler) must not write to data a new server owns.
    if (this.closed) return;
    const components: NonNullable<StoreState["components"]> = {};
    for (const component of touched)
      if (component !== "") components[component] = this.countersOf(component);
    this.store?.append(
      {
        writes,
        ...this.countersOf(""),
        ...(Object.keys(components).length > 0 ? { components } : {}),
        ts: this.ts.toString(),
      },
      () => this.snapshot(),
    );
    for (const listener of this.listeners) listener(written, this.ts);
  }

  /** A component's id counter and last creation time, persisted so a restart continues them. */
  private countersOf(component: string): { nextDocId: number; lastCreationTime: number } {
    const db = this.dbOf(component);
    return { nextDocId: db?._nextDocId ?? 10000, lastCreationTime: db?._lastCreationTime ?? 0 };
  }

  private snapshot(): StoreState {
    const documents: Record<string, JSONValue> = { ...this.unmounted };
    const components: NonNullable<StoreState["components"]> = {};
    for (const [component, { db }] of Object.entries(this.global.components)) {
      for (const [id, doc] of Object.entries(db._documents)) {
        const key = scopedId(component, id);
        documents[key] = this.scheduledTargets.persisted(key, id, convexToJson(doc));
      }
      if (component !== "") components[component] = this.countersOf(component);
    }
    return {
      documents,
      ...this.countersOf(""),
      ...(Object.keys(components).length > 0 ? { components } : {}),
      ts: this.ts.toString(),
    };
  }

  /** Stored documents (id, value) as committed, system tables included. */
  documents(): [string, Doc][] {
    return Object.entries(this.db._documents);
  }

  /**
   * Serves the functions of `functionsDir` from now on (a push). Its schema, modules and crons load beside
   * the running ones; then, holding the write lock, `refuse` sees the stored documents: unless it returns a
   * refusal, the new code takes over in one step (same database, ids and timestamps), and every cached
   * result and subscription is recomputed. A refusal (or a load failure) leaves the old code serving.
   */
  async replaceFunctions<R>(
    functionsDir: string,
    refuse: (documents: [string, Doc][]) => R | null,
  ): Promise<R | null> {
    const next = await loadFunctions(functionsDir);
    // A throwaway instance builds convex-test's module lookups and schemas for the new code.
    const fresh = (await captureGlobal(testerFor(next))).components;
    const staged = fresh[""];
    const root = this.global.components[""];
    if (staged === undefined || root === undefined)
      throw new Error("convex-test has no root component.");
    return await this.writeLock.run(async () => {
      const refusal = refuse(this.documents());
      if (refusal !== null) return refusal;
      root.modules = staged.modules;
      this.db._schema = staged.db._schema;
      this.remount(next.components, fresh);
      this.modules = next.modules;
      this.functionsDir = functionsDir;
      this.tables = this.db._schema === null ? [] : [...this.db._schema.tables.keys()];
      this.described.clear();
      this.idTableSet = undefined;
      await this.startCrons(next.exportedCrons, next.componentCrons);
      this.queryCache.invalidate(() => true);
      for (const listener of this.listeners) listener(EVERYTHING, this.ts);
      return null;
    });
  }

  /**
   * The pushed code's components: one still mounted keeps its database under its new code and schema, a new
   * one starts empty (or with the documents it had when it was last mounted), and one no longer mounted has
   * its documents kept aside, as Convex keeps an unmounted component's data.
   */
  private remount(components: MountedComponent[], fresh: ConvexGlobal["components"]): void {
    const mounted = this.global.components;
    const next = new Set(components.map((component) => component.path));
    for (const [path, { db }] of Object.entries(mounted)) {
      if (path === "" || next.has(path)) continue;
      for (const [id, doc] of Object.entries(db._documents)) {
        const key = scopedId(path, id);
        this.unmounted[key] = this.scheduledTargets.persisted(key, id, convexToJson(doc));
      }
      delete mounted[path];
    }
    for (const component of components) {
      const built = fresh[component.path];
      if (built === undefined) continue;
      const existing = mounted[component.path];
      if (existing !== undefined) {
        existing.modules = built.modules;
        existing.db._schema = built.db._schema;
        continue;
      }
      mounted[component.path] = built;
      const kept: Record<string, JSONValue> = {};
      for (const [key, json] of Object.entries(this.unmounted)) {
        const { component: owner, id } = splitScopedId(key);
        if (owner !== component.path) continue;
        kept[id] = this.scheduledTargets.restored(key, id, json);
        delete this.unmounted[key];
      }
      this.restoreInto(built.db, kept, null, `${component.dir}/schema`);
    }
    this.mounted = new Map(components.map((component) => [component.path, component]));
  }

  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The serving modules: file -> its exports (loaded on first use). */
  moduleEntries(): [string, () => Promise<Record<string, unknown>>][] {
    return Object.entries(this.modules);
  }

  publicFunctions(): Promise<string[]> {
    return listPublicFunctions(this.functionsDir, this.modules);
  }

  /** Looks up a function: the app's by its path, a component's by its handle (./component-scope). */
  describe(udfPath: string): Promise<FunctionInfo | null> {
    let info = this.described.get(udfPath);
    if (info === undefined) {
      const address = addressOf(udfPath);
      const component = this.mounted.get(address.component);
      info =
        address.component === ""
          ? describeFunction(this.functionsDir, this.modules, udfPath)
          : component === undefined
            ? Promise.resolve(null)
            : describeFunction(component.dir, component.modules, address.udfPath);
      // A failed import is not remembered: it is reported again on the next call.
      info.catch(() => this.described.delete(udfPath));
      // Bounded: a client can name any number of paths.
      if (this.described.size >= MAX_DESCRIBED) this.described.clear();
      this.described.set(udfPath, info);
    }
    return info;
  }

  /**
   * The stored documents of `table` in a component (the app's for ""), oldest first, as Convex JSON (the admin
   * API's `npx convex data [--component]`); null when no such component is mounted.
   */
  tableDocuments(table: string, component = ""): JSONValue[] | null {
    const db = this.dbOf(component);
    if (db === null) return null;
    return Object.entries(db._documents)
      .filter(([id]) => tableOfId(id) === table)
      .map(([, doc]) => doc)
      .sort((a, b) => Number(a._creationTime) - Number(b._creationTime))
      .map((doc) => convexToJson(doc));
  }

  /**
   * User tables that exist in a component (the app's for ""): the schema's, and any holding documents (system
   * tables left out); null when no such component is mounted.
   */
  userTables(component = ""): string[] | null {
    const db = this.dbOf(component);
    if (db === null) return null;
    const names = new Set(db._schema === null ? [] : db._schema.tables.keys());
    for (const id of Object.keys(db._documents)) {
      const table = tableOfId(id);
      if (table !== null) names.add(table);
    }
    return [...names].filter((name) => !name.startsWith("_")).sort();
  }

  /** Tables an `Id` argument to a component's function may name; null when it has no schema (any table). */
  private idTables(component: string): Set<string> | null {
    if (component === "") {
      this.idTableSet ??=
        this.db._schema === null ? null : new Set([...this.tables, ...SYSTEM_TABLES]);
      return this.idTableSet;
    }
    const schema = this.dbOf(component)?._schema ?? null;
    return schema === null ? null : new Set([...schema.tables.keys(), ...SYSTEM_TABLES]);
  }

  private as(identity: UserIdentity | null) {
    return identity === null ? this.t : this.t.withIdentity(identity);
  }

  /**
   * Runs a query and reports what it read. `journal` is the one an earlier run of this subscription returned
   * (or the client sent back after a reconnect): a paginated query re-runs with its page end pinned.
   * Identical calls (function, arguments, identity, journal) share one execution, and its result until a
   * commit touches what it read, as Convex's query cache does (queries are deterministic: Date.now() and
   * Math.random() are fixed per execution there too).
   */
  query(
    udfPath: string,
    args: JSONValue,
    identity: UserIdentity | null,
    journal: string | null = null,
  ): Promise<QueryOutcome> {
    const key = JSON.stringify([qualifiedPath(udfPath), args, identity, journal]);
    return this.queryCache.get(key, () => this.runQuery(udfPath, args, identity, journal));
  }

  private async runQuery(
    udfPath: string,
    args: JSONValue,
    identity: UserIdentity | null,
    journal: string | null,
  ): Promise<QueryOutcome> {
    const parsed = parseJournal(journal);
    if (!parsed.ok) {
      const outcome: Outcome = { ok: false, errorMessage: parsed.error, logLines: [] };
      return { outcome, reads: new ReadSet(), journal };
    }
    const pin = parsed.pin;
    const reads = new ReadSet();
    const outcome = await this.pins.run(pin, () =>
      this.reads.run(reads, () =>
        this.execute("Q", udfPath, args, (path, value) =>
          this.as(identity).query(referenceTo<"query">(path), value),
        ),
      ),
    );
    return { outcome, reads, journal: outcome.ok ? encodeJournal(pin) : journal };
  }

  mutation(udfPath: string, args: JSONValue, identity: UserIdentity | null): Promise<Outcome> {
    return this.writeLock.run(() =>
      this.execute("M", udfPath, args, (path, value) =>
        this.as(identity).mutation(referenceTo<"mutation">(path), value),
      ),
    );
  }

  action(udfPath: string, args: JSONValue, identity: UserIdentity | null): Promise<Outcome> {
    return this.execute("A", udfPath, args, (path, value) =>
      this.as(identity).action(referenceTo<"action">(path), value),
    );
  }

  /** Serves an HTTP action route from convex/http.ts. */
  async fetchHttp(path: string, init: RequestInit): Promise<Response> {
    const startedMs = Date.now();
    const identifier = `${init.method ?? "GET"} ${path.split("?")[0] ?? path}`;
    const settled = await collectLogs(`[CONVEX H(${identifier})]`, () => this.t.fetch(path, init));
    this.functionLog.record({
      udfType: "HttpAction",
      identifier,
      logLines: settled.structured,
      startedMs,
      error: settled.ok ? null : describeError(settled.error).errorMessage,
    });
    if (!settled.ok) throw settled.error;
    return settled.value;
  }

  private async execute(
    kind: "Q" | "M" | "A",
    udfPath: string,
    args: JSONValue,
    run: (path: string, args: Record<string, Value>) => Promise<unknown>,
  ): Promise<Outcome> {
    const path = qualifiedPath(udfPath);
    const value = decodeArgs(args);
    // Checked here, before convex-test's own check, so the error reads as Convex's does.
    const validator = (await this.describe(path))?.args ?? null;
    const invalid =
      validator === null
        ? null
        : argumentValidationError(value, validator, this.idTables(addressOf(path).component));
    const udfType = UDF_TYPES[kind];
    const startedMs = Date.now();
    if (invalid !== null) {
      this.functionLog.record({
        udfType,
        identifier: path,
        logLines: [],
        startedMs,
        error: invalid,
      });
      return { ok: false, errorMessage: invalid, logLines: [] };
    }
    const settled = await collectLogs(`[CONVEX ${kind}(${path})]`, () => run(path, value));
    const outcome: Outcome = settled.ok
      ? { ok: true, value: convexToJson((settled.value ?? null) as Value), logLines: settled.lines }
      : { ok: false, ...describeError(settled.error), logLines: settled.lines };
    this.functionLog.record({
      udfType,
      identifier: path,
      logLines: settled.structured,
      startedMs,
      error: outcome.ok ? null : outcome.errorMessage,
    });
    return outcome;
  }

  close(): void {
    this.closed = true;
    this.functionLog.close();
    this.resumer.stop();
    this.stopCrons();
    this.store?.close();
  }
}

/** `1.0/runUdf`'s arguments: the target as a name, a component reference or a handle, and its arguments. */
interface NestedCall {
  name?: string;
  reference?: string;
  functionHandle?: string;
  args?: JSONValue;
}

/** Which function a nested call from `caller` runs (as convex-test resolves it); null when it cannot tell. */
function nestedTarget(caller: string, call: NestedCall): Address | null {
  if (typeof call.functionHandle === "string") {
    const address = addressOf(call.functionHandle);
    return call.functionHandle.startsWith("function://") ? address : null;
  }
  if (typeof call.name === "string") return { component: caller, udfPath: call.name };
  // "_reference/childComponent/<name>/path/to/module/export", relative to the calling component.
  const parts = call.reference?.split("/") ?? [];
  const [, kind, child, ...rest] = parts;
  const name = rest.pop();
  if (kind !== "childComponent" || child === undefined || name === undefined) return null;
  return {
    component: caller === "" ? child : `${caller}/${child}`,
    udfPath: `${rest.join("/")}:${name}`,
  };
}

/** A function's one name: the app's canonical path, or a component's handle with the canonical path in it. */
function qualifiedPath(udfPath: string): string {
  const address = addressOf(udfPath);
  return handleOf({ ...address, udfPath: canonicalPath(address.udfPath) });
}

/**
 * What convex-test calls: a reference for the app's functions; for a component's, its handle string, which
 * convex-test runs in that component (a reference made from a handle would name an app function).
 */
function referenceTo<T extends "query" | "mutation" | "action">(
  path: string,
): FunctionReference<T, "public" | "internal"> {
  return addressOf(path).component === ""
    ? makeFunctionReference<T>(path)
    : (path as unknown as FunctionReference<T, "public" | "internal">);
}

/** The auth config module's default export (null when the project has none). */
export async function loadAuthConfig(functionsDir: string): Promise<unknown> {
  for (const name of ["auth.config.ts", "auth.config.js"]) {
    try {
      const module = (await import(pathToFileURL(join(functionsDir, name)).href)) as {
        default?: unknown;
      };
      return module.default ?? null;
    } catch (error) {
      if ((error as { code?: string }).code !== "ERR_MODULE_NOT_FOUND") throw error;
    }
  }
  return null;
}
