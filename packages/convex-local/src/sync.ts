// WebSocket sync for ConvexReactClient / ConvexClient: live queries as versioned Transitions, mutations
// acknowledged with the timestamp of their effects, actions, and authentication with identity versions.
// Every client is untrusted: frames are validated before use (sync-protocol.ts), per-connection limits bound
// what one socket can ask for, query re-runs are shared out in short slices so no client waits on another's
// backlog, and any failure is confined to the session it happened in.
import { AsyncResource } from "node:async_hooks";
import { createHash } from "node:crypto";

import type { UserIdentity } from "convex/server";
import type { JSONValue } from "convex/values";
import type { RawData, WebSocket } from "ws";

import { adminKeyMatches } from "./admin-key";
import type { SystemContext } from "./admin/system-functions";
import { isSystemPath, runSystemQuery } from "./admin/system-functions";
import type { TokenVerifier } from "./auth";
import { callPublic, missingFunction, resolveTarget } from "./calls";
import type { DeploymentEnv } from "./deployment-env";
import type { Engine, Outcome } from "./engine";
import type { WrittenDocument } from "./read-set";
import { ReadSet } from "./read-set";
import type {
  ClientMessage,
  QueryModification,
  QueryResult,
  QuerySetChange,
  ServerMessage,
} from "./sync-protocol";
import { parseClientMessage } from "./sync-protocol";
import { encodeTs } from "./timestamp";

/**
 * Per-connection limits (README "Limits"). Hosted Convex documents per-function limits
 * (https://docs.convex.dev/production/state/limits: 16 MiB of arguments) but no per-socket numbers, so these are
 * this server's own: far above what a page of the apps uses, low enough that one socket cannot hog the process.
 */
export const SYNC_LIMITS = {
  /** Live queries one connection may hold. */
  queriesPerConnection: 1000,
  /** Messages received on one connection and not finished yet, running mutations and actions included. */
  inFlightPerConnection: 1000,
  /** Open sync connections in total. */
  connections: 1000,
} as const;

/** The client reconnects after 60 s of silence, so keep the line busy. */
const PING_INTERVAL_MS = 15_000;
/** Completed mutations remembered (all sessions together), to answer re-sends after a reconnect. */
const REMEMBERED_MUTATIONS = 10_000;
/**
 * A session with this many results to recompute is bulk work: between its steps the hub sleeps for
 * BULK_PAUSE_MS, so a flooding client leaves the process idle, and quick to wake for others, half the time.
 */
const BULK_BACKLOG = 50;
const BULK_PAUSE_MS = 1;
/**
 * A step re-runs a small backlog's queries together, up to this long: a session's Transition needs all of its
 * results at one timestamp, so re-running one query per step while writes keep coming would never complete it.
 */
const STEP_BUDGET_MS = 4;

interface CachedResult {
  /** The result as compared with what a subscriber was sent (log lines left out). */
  json: string;
  /** The modification as sent, without its queryId: encoded once for every subscriber that shares it. */
  wire: string;
  /** What the result was computed from; null when unknown (it re-runs on every write). */
  reads: ReadSet | null;
  journal: string | null;
}

interface Subscription {
  udfPath: string;
  /** The arguments object, or the decoder's refusal (a string) when they hold a malformed value. */
  args: JSONValue;
  componentPath: string | undefined;
  /** The query journal its results are computed with (./journal): pins a paginated query's page end. */
  journal: string | null;
  key: string;
  lastSent: string | undefined;
}

// Captured before convex-test swaps timer globals while functions run.
const realSetImmediate = globalThis.setImmediate.bind(globalThis);
const realSetTimeout = globalThis.setTimeout.bind(globalThis);
const realSetInterval = globalThis.setInterval.bind(globalThis);
const realClearInterval = globalThis.clearInterval.bind(globalThis);

const yieldToIo = () => new Promise<void>((resolve) => realSetImmediate(resolve));
const pause = (ms: number) => new Promise<void>((resolve) => realSetTimeout(resolve, ms));

/** The validated args array holds exactly one object. */
function argsObject(args: JSONValue[]): JSONValue {
  return args[0] ?? {};
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Arguments the decoder refused reach here as its message (see args in ./sync-protocol): the call fails with it. */
function argsRefused(args: JSONValue): Outcome | null {
  return typeof args === "string" ? { ok: false, errorMessage: args, logLines: [] } : null;
}

class Session {
  sessionId: string | null = null;
  /** Whether the client has sent anything yet. */
  spoken = false;
  querySet = 0;
  identityVersion = 0;
  identity: UserIdentity | null = null;
  /** Authenticated with the admin key (the CLI): may query system and internal functions. */
  admin = false;
  /** Messages received and not finished (running actions included), for the in-flight limit. */
  inFlight = 0;
  closed = false;
  readonly subscriptions = new Map<number, Subscription>();
  private sentQuerySet = 0;
  private sentIdentity = 0;
  private sentTs = 0n;
  private removed: number[] = [];
  /** A successful mutation's client settles only on a Transition at or after its ts: one is owed. */
  private owesTransition = false;
  /** Messages are handled one at a time, in order (a mutation after Authenticate runs as the new user). */
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly socket: WebSocket) {}

  /** Queues a task; `task` must not reject (the hub wraps every task in its error handler). */
  enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task);
  }

  send(message: ServerMessage): void {
    this.sendEncoded(JSON.stringify(message));
  }

  private sendEncoded(json: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(json);
  }

  keyFor(
    udfPath: string,
    args: JSONValue,
    componentPath: string | undefined,
    journal: string | null,
  ): string {
    return JSON.stringify([udfPath, args, componentPath ?? "", this.identity, this.admin, journal]);
  }

  /** Applies a query set change, or returns why it is refused (nothing is applied then). */
  modify(changes: QuerySetChange[]): string | null {
    const ids = new Set(this.subscriptions.keys());
    for (const change of changes) {
      if (change.type === "Add") {
        if (ids.has(change.queryId)) return `Query id ${change.queryId} is already in use.`;
        ids.add(change.queryId);
      } else if (!ids.delete(change.queryId)) {
        return `Query id ${change.queryId} is not in the query set.`;
      }
    }
    if (ids.size > SYNC_LIMITS.queriesPerConnection)
      return `Too many queries on one connection: ${ids.size} exceeds the limit of ${SYNC_LIMITS.queriesPerConnection} (queriesPerConnection).`;
    for (const change of changes) {
      if (change.type === "Remove") {
        this.subscriptions.delete(change.queryId);
        this.removed.push(change.queryId);
        continue;
      }
      const args = argsObject(change.args);
      const journal = change.journal ?? null;
      this.subscriptions.set(change.queryId, {
        udfPath: change.udfPath,
        args,
        componentPath: change.componentPath,
        journal,
        key: this.keyFor(change.udfPath, args, change.componentPath, journal),
        lastSent: undefined,
      });
    }
    return null;
  }

  setIdentity(identity: UserIdentity | null, version: number, admin = false): void {
    this.identity = identity;
    this.admin = admin;
    this.identityVersion = version;
    for (const s of this.subscriptions.values())
      s.key = this.keyFor(s.udfPath, s.args, s.componentPath, s.journal);
  }

  acknowledged(): void {
    this.owesTransition = true;
  }

  /** Subscriptions whose result is not cached yet. */
  missing(cache: Map<string, CachedResult>): Subscription[] {
    return [...this.subscriptions.values()].filter((s) => !cache.has(s.key));
  }

  /** Sends one Transition to `ts` if anything changed; false when a result is not computed yet. */
  advance(ts: bigint, cache: Map<string, CachedResult>): boolean {
    // Nothing goes out until the client has spoken. A client paused for auth (expectAuth) would apply an early
    // Transition, then reset its query state when it sends Connect and reject every later start version. (Connect
    // itself is not a reliable signal: convex 1.48 skips it when auth pauses an already-open socket.)
    if (!this.spoken || this.closed) return true;
    // Checked before building anything: this runs after every slice of a large backlog.
    for (const subscription of this.subscriptions.values())
      if (!cache.has(subscription.key)) return false;
    // Encoded JSON, not objects: a result shared by many subscribers is encoded once (CachedResult.wire).
    const modifications = this.removed.map((queryId) =>
      JSON.stringify({ type: "QueryRemoved", queryId } satisfies QueryModification),
    );
    const updates: [Subscription, string][] = [];
    for (const [queryId, subscription] of this.subscriptions) {
      const result = cache.get(subscription.key);
      if (result === undefined) return false;
      if (result.json !== subscription.lastSent) {
        modifications.push(`{"queryId":${queryId},${result.wire.slice(1)}`);
        updates.push([subscription, result.json]);
      }
      // From its first result on, the subscription re-runs with the journal that result produced.
      if (result.journal !== subscription.journal) {
        subscription.journal = result.journal;
        subscription.key = this.keyFor(
          subscription.udfPath,
          subscription.args,
          subscription.componentPath,
          result.journal,
        );
      }
    }
    const endTs = ts > this.sentTs ? ts : this.sentTs;
    const versionChanged =
      this.querySet !== this.sentQuerySet ||
      this.identityVersion !== this.sentIdentity ||
      endTs !== this.sentTs;
    if (!versionChanged && modifications.length === 0 && !this.owesTransition) return true;
    const head = JSON.stringify({
      type: "Transition",
      startVersion: {
        querySet: this.sentQuerySet,
        identity: this.sentIdentity,
        ts: encodeTs(this.sentTs),
      },
      endVersion: { querySet: this.querySet, identity: this.identityVersion, ts: encodeTs(endTs) },
      modifications: [],
    } satisfies ServerMessage);
    // `head` ends with `"modifications":[]}`: the encoded modifications go between the brackets.
    this.sendEncoded(`${head.slice(0, -2)}${modifications.join(",")}]}`);
    for (const [subscription, json] of updates) subscription.lastSent = json;
    this.sentQuerySet = this.querySet;
    this.sentIdentity = this.identityVersion;
    this.sentTs = endTs;
    this.removed = [];
    this.owesTransition = false;
    return true;
  }
}

export class SyncHub {
  private readonly sessions = new Set<Session>();
  private readonly cache = new Map<string, CachedResult>();
  /** (session id, request id) -> the call's fingerprint and its response. */
  private readonly completedMutations = new Map<
    string,
    { fingerprint: string; response: Promise<ServerMessage> }
  >();
  private flushScheduled = false;
  private flushing = false;
  private flushAgain = false;
  private readonly pinger: ReturnType<typeof setInterval>;
  private readonly detach: () => void;

  private readonly detachEnv: () => void;

  constructor(
    private readonly engine: Engine,
    private readonly verifier: TokenVerifier,
    private readonly admin: { adminKey: string; deploymentEnv: DeploymentEnv },
  ) {
    this.detach = engine.onCommit((writes) => this.invalidate(writes));
    // Any result may depend on the variables (process.env): a change re-runs every subscription.
    this.detachEnv = admin.deploymentEnv.onChange(() => {
      this.cache.clear();
      this.scheduleFlush();
    });
    this.pinger = realSetInterval(() => {
      for (const session of this.sessions) session.send({ type: "Ping" });
    }, PING_INTERVAL_MS);
    this.pinger.unref();
  }

  private invalidate(writes: readonly WrittenDocument[]): void {
    for (const [key, result] of this.cache) {
      if (result.reads === null || result.reads.touchedBy(writes)) this.cache.delete(key);
    }
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    realSetImmediate(() => {
      this.flushScheduled = false;
      void this.flush();
    });
  }

  /**
   * Re-runs invalidated subscriptions and sends each session its Transition as soon as its own results are
   * ready. Work goes in steps: one step runs one query for the session with the least left to do, then
   * releases the write lock and lets I/O run, so a client with thousands of queries delays neither other
   * clients' Transitions nor anyone's mutations by more than about one query. Steps go ahead of the mutations
   * waiting for the lock (bulk work aside): a flush's first step runs next, so a write's subscribers are updated
   * before the next queued write runs; later steps let one waiting task go first, so steps and mutations
   * alternate and neither starves.
   */
  private async flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = true;
    try {
      let more = true as boolean | "bulk";
      let first = true;
      while (more !== false || this.flushAgain) {
        this.flushAgain = false;
        const step = () => this.step();
        const lock = this.engine.writeLock;
        more = await (more === "bulk" ? lock.run(step) : lock.runSoon(step, first ? 0 : 1));
        first = false;
        if (more === "bulk") await pause(BULK_PAUSE_MS);
        else if (more) await yieldToIo();
      }
      this.evictUnused();
    } catch (error) {
      // Per-query and per-session failures are handled below; this is a bug, reported without a crash.
      console.error("convex-local: sync flush failed:", error);
    } finally {
      this.flushing = false;
      if (this.flushAgain) this.scheduleFlush();
    }
  }

  /** One step; true when some session still waits for results ("bulk" when the one served is a big backlog). */
  private async step(): Promise<boolean | "bulk"> {
    let next: { session: Session; missing: Subscription[] } | undefined;
    for (const session of this.sessions) {
      const missing = session.missing(this.cache);
      if (missing.length === 0) this.advance(session);
      else if (next === undefined || missing.length < next.missing.length)
        next = { session, missing };
    }
    if (next === undefined) return false;
    const bulk = next.missing.length > BULK_BACKLOG;
    const started = performance.now();
    for (const [index, subscription] of next.missing.entries()) {
      if (index > 0 && (bulk || performance.now() - started > STEP_BUDGET_MS)) break;
      // Computed earlier in this step for another subscription with the same key.
      if (this.cache.has(subscription.key)) continue;
      const ts = this.engine.ts;
      const result = await this.runQuery(subscription, next.session.identity, next.session.admin);
      // A scheduled function or an action's mutation committed meanwhile: the result may predate it.
      if (this.engine.ts === ts) {
        this.cache.set(subscription.key, result);
        // The same result stands for the re-run with its own journal (same rows, same timestamp).
        const { udfPath, args, componentPath } = subscription;
        const pinned = next.session.keyFor(udfPath, args, componentPath, result.journal);
        if (!this.cache.has(pinned)) this.cache.set(pinned, result);
      }
    }
    // Identical subscriptions share the result: every session it completes gets its Transition now.
    let waiting = false;
    for (const session of this.sessions) if (!this.advance(session)) waiting = true;
    if (bulk) return "bulk";
    return waiting;
  }

  /** Sends the session its Transition if its results are ready; false when they are not. */
  private advance(session: Session): boolean {
    try {
      return session.advance(this.engine.ts, this.cache);
    } catch (error) {
      this.fatal(session, `Internal error: ${messageOf(error)}`);
      return true;
    }
  }

  private async runQuery(
    subscription: Subscription,
    identity: UserIdentity | null,
    admin: boolean,
  ): Promise<CachedResult> {
    const { udfPath, args, componentPath } = subscription;
    let outcome: Outcome;
    // A call that cannot run (missing function, component) reads nothing: no write changes its answer.
    let reads: ReadSet | null = new ReadSet();
    let journal = subscription.journal;
    try {
      // A component is reachable from clients only through the app's functions; with the admin key (the CLI's
      // `--component`) its own are called directly (./calls).
      const resolved = resolveTarget(
        this.engine,
        componentPath,
        udfPath,
        admin ? "admin" : "client",
      );
      const target = resolved.ok ? resolved.target : udfPath;
      const info =
        isSystemPath(udfPath) || !resolved.ok ? null : await this.engine.describe(target);
      const unsupported = (resolved.ok ? null : resolved.outcome) ?? argsRefused(args);
      if (unsupported !== null) outcome = unsupported;
      else if (isSystemPath(udfPath) && admin) {
        outcome = await runSystemQuery(
          this.systemContext(componentPath ?? ""),
          udfPath,
          args as Record<string, JSONValue>,
        );
        // System queries read what no read set describes (tables, the env): every write re-runs them.
        reads = null;
      } else if (info === null || (!info.isPublic && !admin) || info.kind !== "query")
        outcome = missingFunction(udfPath);
      else
        ({ outcome, reads, journal } = await this.engine.query(
          target,
          args,
          identity,
          subscription.journal,
        ));
    } catch (error) {
      outcome = { ok: false, errorMessage: `Internal error: ${messageOf(error)}`, logLines: [] };
      reads = null;
    }
    const modification: QueryResult = outcome.ok
      ? { type: "QueryUpdated", value: outcome.value, logLines: outcome.logLines, journal }
      : {
          type: "QueryFailed",
          errorMessage: outcome.errorMessage,
          logLines: outcome.logLines,
          ...(outcome.errorData === undefined ? {} : { errorData: outcome.errorData }),
          journal,
        };
    const { logLines, ...comparable } = modification;
    void logLines;
    return {
      json: JSON.stringify(comparable),
      wire: JSON.stringify(modification),
      reads,
      journal,
    };
  }

  private evictUnused(): void {
    const used = new Set<string>();
    for (const session of this.sessions)
      for (const s of session.subscriptions.values()) used.add(s.key);
    for (const key of this.cache.keys()) if (!used.has(key)) this.cache.delete(key);
  }

  /** Serves one WebSocket connection until it closes. */
  accept(socket: WebSocket): void {
    const session = new Session(socket);
    socket.on("error", () => socket.terminate());
    socket.on("close", () => {
      session.closed = true;
      this.sessions.delete(session);
    });
    if (this.sessions.size >= SYNC_LIMITS.connections) {
      this.fatal(
        session,
        `Too many connections: the limit is ${SYNC_LIMITS.connections} open sync connections (connections).`,
      );
      return;
    }
    this.sessions.add(session);
    // Bound to the async context accept() runs in (the server's deployment env, see server.ts): a socket's events
    // run in the context the socket was created in, so unbound, every function called over the WebSocket (and
    // everything it scheduled) read the host's process.env instead of the deployment's.
    socket.on(
      "message",
      AsyncResource.bind((data: RawData, isBinary: boolean) => {
        if (session.closed) return;
        let message: ClientMessage;
        try {
          if (isBinary) throw new Error("Binary frames are not part of the protocol.");
          message = parseClientMessage(
            Buffer.isBuffer(data)
              ? data.toString("utf8")
              : Buffer.concat(toBuffers(data)).toString("utf8"),
          );
        } catch (error) {
          this.fatal(session, messageOf(error));
          return;
        }
        if (session.inFlight >= SYNC_LIMITS.inFlightPerConnection) {
          this.fatal(
            session,
            `Too many requests in flight on one connection: the limit is ${SYNC_LIMITS.inFlightPerConnection} (inFlightPerConnection).`,
          );
          return;
        }
        session.inFlight++;
        session.enqueue(() =>
          this.handle(session, message)
            .catch((error: unknown) => {
              console.error("convex-local: sync message failed:", error);
              this.fatal(session, `Internal error: ${messageOf(error)}`);
            })
            .finally(() => {
              // Actions hand their slot back when they finish (see handle).
              if (message.type !== "Action") session.inFlight--;
            }),
        );
      }),
    );
  }

  private fatal(session: Session, error: string): void {
    session.send({ type: "FatalError", error });
    session.closed = true;
    this.sessions.delete(session);
    session.socket.close(1008, "protocol error");
  }

  private async handle(session: Session, message: ClientMessage): Promise<void> {
    if (session.closed) {
      if (message.type === "Action") session.inFlight--;
      return;
    }
    if (!session.spoken) {
      session.spoken = true;
      this.scheduleFlush();
    }
    switch (message.type) {
      case "Connect":
        session.sessionId = message.sessionId;
        return;
      case "ModifyQuerySet": {
        if (message.baseVersion !== session.querySet) {
          this.fatal(
            session,
            `Invalid query set base version ${message.baseVersion}, expected ${session.querySet}.`,
          );
          return;
        }
        const refused = session.modify(message.modifications);
        if (refused !== null) {
          this.fatal(session, refused);
          return;
        }
        session.querySet = message.newVersion;
        this.scheduleFlush();
        return;
      }
      case "Authenticate":
        await this.authenticate(session, message);
        return;
      case "Mutation": {
        const response = await this.mutation(session, message);
        session.send(response);
        if (response.type === "MutationResponse" && response.success) session.acknowledged();
        this.scheduleFlush();
        return;
      }
      case "Action": {
        // Actions may run long: answer when done without holding up the messages behind them.
        void this.call(message, "action", session.identity)
          .then((outcome) =>
            session.send({
              type: "ActionResponse",
              requestId: message.requestId,
              ...responseFields(outcome),
            }),
          )
          .finally(() => session.inFlight--);
        return;
      }
      case "Event":
        return;
    }
  }

  /** Runs a client's mutation or action; never rejects (a failure becomes the call's error). */
  private async call(
    message: Extract<ClientMessage, { type: "Mutation" | "Action" }>,
    kind: "mutation" | "action",
    identity: UserIdentity | null,
  ): Promise<Outcome> {
    try {
      return (
        argsRefused(argsObject(message.args)) ??
        (await callPublic(
          this.engine,
          message.componentPath,
          message.udfPath,
          kind,
          argsObject(message.args),
          identity,
        ))
      );
    } catch (error) {
      console.error(`convex-local: ${kind} ${message.udfPath} failed:`, error);
      return { ok: false, errorMessage: `Internal error: ${messageOf(error)}`, logLines: [] };
    }
  }

  private async authenticate(
    session: Session,
    message: Extract<ClientMessage, { type: "Authenticate" }>,
  ) {
    if (message.baseVersion !== session.identityVersion) {
      this.fatal(
        session,
        `Invalid identity base version ${message.baseVersion}, expected ${session.identityVersion}.`,
      );
      return;
    }
    if (message.tokenType === "Admin") {
      if (!adminKeyMatches(message.value, this.admin.adminKey)) {
        session.send({
          type: "AuthError",
          error: "The provided admin key was invalid for this deployment.",
          baseVersion: message.baseVersion,
          authUpdateAttempted: true,
        });
        return;
      }
      session.setIdentity(null, message.baseVersion + 1, true);
      this.scheduleFlush();
      return;
    }
    let identity: UserIdentity | null = null;
    if (message.tokenType === "User") {
      try {
        identity = await this.verifier.verify(message.value);
      } catch (error) {
        session.send({
          type: "AuthError",
          error: messageOf(error),
          baseVersion: message.baseVersion,
          authUpdateAttempted: true,
        });
        return;
      }
    }
    // The client takes a Transition whose identity version went up as the confirmation of its token.
    session.setIdentity(identity, message.baseVersion + 1);
    this.scheduleFlush();
  }

  /**
   * Runs a mutation once per call: a client re-sends unacknowledged ones after reconnecting, with the same
   * session id and request id. Only a re-send of the same call (same function, arguments and identity) gets the
   * remembered answer; anything else under those ids is a different call and runs.
   */
  private mutation(
    session: Session,
    message: Extract<ClientMessage, { type: "Mutation" }>,
  ): Promise<ServerMessage> {
    const run = () =>
      this.call(message, "mutation", session.identity).then((outcome): ServerMessage => ({
        type: "MutationResponse",
        requestId: message.requestId,
        ...responseFields(outcome),
        ...(outcome.ok ? { ts: encodeTs(this.engine.ts) } : {}),
      }));
    if (session.sessionId === null) return run();
    const key = JSON.stringify([session.sessionId, message.requestId]);
    const fingerprint = createHash("sha256")
      .update(
        JSON.stringify([
          message.udfPath,
          message.args,
          message.componentPath ?? "",
          session.identity,
        ]),
      )
      .digest("base64");
    const previous = this.completedMutations.get(key);
    if (previous?.fingerprint === fingerprint) return previous.response;
    const response = run();
    this.completedMutations.delete(key);
    this.completedMutations.set(key, { fingerprint, response });
    if (this.completedMutations.size > REMEMBERED_MUTATIONS) {
      const oldest = this.completedMutations.keys().next().value;
      if (oldest !== undefined) this.completedMutations.delete(oldest);
    }
    return response;
  }

  dropConnections(): void {
    for (const session of this.sessions) session.socket.terminate();
  }

  private systemContext(componentPath: string): SystemContext {
    return { engine: this.engine, deploymentEnv: this.admin.deploymentEnv, componentPath };
  }

  close(): void {
    realClearInterval(this.pinger);
    this.detach();
    this.detachEnv();
    for (const session of this.sessions) session.socket.terminate();
  }
}

function toBuffers(data: ArrayBuffer | Buffer[]): Buffer[] {
  return Array.isArray(data) ? data : [Buffer.from(data)];
}

function responseFields(outcome: Outcome) {
  return outcome.ok
    ? { success: true as const, result: outcome.value, logLines: outcome.logLines }
    : {
        success: false as const,
        result: outcome.errorMessage,
        logLines: outcome.logLines,
        ...(outcome.errorData === undefined ? {} : { errorData: outcome.errorData }),
      };
}
