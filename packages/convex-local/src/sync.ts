// WebSocket sync for ConvexReactClient / ConvexClient: live queries as versioned Transitions, mutations
// acknowledged with the timestamp of their effects, actions, and authentication with identity versions.
import type { UserIdentity } from "convex/server";
import type { JSONValue } from "convex/values";
import type { WebSocket } from "ws";

import type { TokenVerifier } from "./auth";
import type { Engine, Outcome } from "./engine";
import { callPublic, missingFunction } from "./http-api";
import type { ClientMessage, QueryModification, QueryResult, ServerMessage } from "./sync-protocol";
import { parseClientMessage } from "./sync-protocol";
import { encodeTs } from "./timestamp";

/** The client reconnects after 60 s of silence, so keep the line busy. */
const PING_INTERVAL_MS = 15_000;
/** Completed mutations remembered per client session, to answer re-sends after a reconnect. */
const REMEMBERED_MUTATIONS = 1000;
const REMEMBERED_SESSIONS = 10_000;

interface CachedResult {
  modification: QueryResult;
  json: string;
  tables: Set<string> | null;
  journal: string | null;
}

interface Subscription {
  udfPath: string;
  args: JSONValue;
  /** The query journal its results are computed with (./journal): pins a paginated query's page end. */
  journal: string | null;
  key: string;
  lastSent: string | undefined;
}

// Captured before convex-test swaps timer globals while functions run.
const realSetImmediate = globalThis.setImmediate.bind(globalThis);
const realSetInterval = globalThis.setInterval.bind(globalThis);
const realClearInterval = globalThis.clearInterval.bind(globalThis);

function queryArgs(args: JSONValue[]): JSONValue {
  return args.length === 1 && args[0] !== undefined ? args[0] : {};
}

class Session {
  sessionId: string | null = null;
  /** Whether the client has sent anything yet. */
  spoken = false;
  querySet = 0;
  identityVersion = 0;
  identity: UserIdentity | null = null;
  readonly subscriptions = new Map<number, Subscription>();
  private sentQuerySet = 0;
  private sentIdentity = 0;
  private sentTs = 0n;
  private removed: number[] = [];
  /** Messages are handled one at a time, in order (a mutation after Authenticate runs as the new user). */
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly socket: WebSocket) {}

  enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task, task);
  }

  send(message: ServerMessage): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  keyFor(udfPath: string, args: JSONValue, journal: string | null): string {
    return JSON.stringify([udfPath, args, this.identity, journal]);
  }

  subscribe(queryId: number, udfPath: string, args: JSONValue, journal: string | null): void {
    this.subscriptions.set(queryId, {
      udfPath,
      args,
      journal,
      key: this.keyFor(udfPath, args, journal),
      lastSent: undefined,
    });
  }

  unsubscribe(queryId: number): void {
    if (this.subscriptions.delete(queryId)) this.removed.push(queryId);
  }

  setIdentity(identity: UserIdentity | null, version: number): void {
    this.identity = identity;
    this.identityVersion = version;
    for (const subscription of this.subscriptions.values()) {
      subscription.key = this.keyFor(subscription.udfPath, subscription.args, subscription.journal);
    }
  }

  /** Sends one Transition to `ts` if anything changed; false when a result is not computed yet. */
  advance(ts: bigint, cache: Map<string, CachedResult>): boolean {
    // Nothing goes out until the client has spoken. A client paused for auth (expectAuth) would apply an early
    // Transition, then reset its query state when it sends Connect and reject every later start version. (Connect
    // itself is not a reliable signal: convex 1.48 skips it when auth pauses an already-open socket.)
    if (!this.spoken) return true;
    const modifications: QueryModification[] = this.removed.map((queryId) => ({
      type: "QueryRemoved",
      queryId,
    }));
    const updates: [Subscription, string][] = [];
    for (const [queryId, subscription] of this.subscriptions) {
      const result = cache.get(subscription.key);
      if (result === undefined) return false;
      if (result.json !== subscription.lastSent) {
        modifications.push({ ...result.modification, queryId });
        updates.push([subscription, result.json]);
      }
      // From its first result on, the subscription re-runs with the journal that result produced.
      if (result.journal !== subscription.journal) {
        subscription.journal = result.journal;
        subscription.key = this.keyFor(subscription.udfPath, subscription.args, result.journal);
      }
    }
    const endTs = ts > this.sentTs ? ts : this.sentTs;
    const versionChanged =
      this.querySet !== this.sentQuerySet ||
      this.identityVersion !== this.sentIdentity ||
      endTs !== this.sentTs;
    if (!versionChanged && modifications.length === 0) return true;
    this.send({
      type: "Transition",
      startVersion: {
        querySet: this.sentQuerySet,
        identity: this.sentIdentity,
        ts: encodeTs(this.sentTs),
      },
      endVersion: { querySet: this.querySet, identity: this.identityVersion, ts: encodeTs(endTs) },
      modifications,
    });
    for (const [subscription, json] of updates) subscription.lastSent = json;
    this.sentQuerySet = this.querySet;
    this.sentIdentity = this.identityVersion;
    this.sentTs = endTs;
    this.removed = [];
    return true;
  }
}

export class SyncHub {
  private readonly sessions = new Set<Session>();
  private readonly cache = new Map<string, CachedResult>();
  private readonly completedMutations = new Map<string, Map<number, Promise<ServerMessage>>>();
  private flushScheduled = false;
  private flushing = false;
  private flushAgain = false;
  private readonly pinger: ReturnType<typeof setInterval>;
  private detach: () => void;

  constructor(
    private engine: Engine,
    private readonly verifier: () => TokenVerifier,
  ) {
    this.detach = engine.onCommit((tables) => this.invalidate(tables));
    this.pinger = realSetInterval(() => {
      for (const session of this.sessions) session.send({ type: "Ping" });
    }, PING_INTERVAL_MS);
    this.pinger.unref();
  }

  /** Points the hub at a reloaded engine; every subscription is recomputed. */
  replaceEngine(engine: Engine): void {
    this.detach();
    this.engine = engine;
    this.detach = engine.onCommit((tables) => this.invalidate(tables));
    this.cache.clear();
    this.scheduleFlush();
  }

  get connectionCount(): number {
    return this.sessions.size;
  }

  private invalidate(tables: Set<string>): void {
    for (const [key, result] of this.cache) {
      if (result.tables === null || [...result.tables].some((table) => tables.has(table)))
        this.cache.delete(key);
    }
    this.scheduleFlush();
  }

  scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    realSetImmediate(() => {
      this.flushScheduled = false;
      void this.flush();
    });
  }

  /** Re-runs invalidated subscriptions and sends every session its Transition. */
  private async flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = true;
    try {
      for (let attempt = 0; attempt < 20; attempt++) {
        this.flushAgain = false;
        const ts = this.engine.ts;
        await this.engine.writeLock.run(() => this.computeMissing());
        // A scheduled function or an action's mutation committed meanwhile: results may mix timestamps.
        if (this.engine.ts !== ts) continue;
        let ready = true;
        for (const session of this.sessions) ready = session.advance(ts, this.cache) && ready;
        this.evictUnused();
        if (ready && !(this.flushAgain as boolean)) break;
      }
    } finally {
      this.flushing = false;
      if (this.flushAgain) this.scheduleFlush();
    }
  }

  private async computeMissing(): Promise<void> {
    for (const session of [...this.sessions]) {
      for (const subscription of [...session.subscriptions.values()]) {
        if (this.cache.has(subscription.key)) continue;
        const result = await this.runQuery(subscription, session.identity);
        this.cache.set(subscription.key, result);
        // The same result stands for the re-run with its own journal (same rows, same timestamp).
        const pinnedKey = session.keyFor(subscription.udfPath, subscription.args, result.journal);
        if (!this.cache.has(pinnedKey)) this.cache.set(pinnedKey, result);
      }
    }
  }

  private async runQuery(
    { udfPath, args, journal: given }: Subscription,
    identity: UserIdentity | null,
  ): Promise<CachedResult> {
    const info = await this.engine.describe(udfPath);
    let outcome: Outcome;
    let tables: Set<string> | null = new Set();
    let journal = given;
    if (info === null || !info.isPublic || info.kind !== "query") {
      outcome = missingFunction(udfPath);
    } else {
      ({ outcome, tables, journal } = await this.engine.query(udfPath, args, identity, given));
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
    return { modification, json: JSON.stringify(comparable), tables, journal };
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
    this.sessions.add(session);
    socket.on("message", (data, isBinary) => {
      let message: ClientMessage;
      try {
        if (isBinary) throw new Error("Binary frames are not part of the protocol.");
        message = parseClientMessage(
          Buffer.isBuffer(data)
            ? data.toString("utf8")
            : Buffer.concat(toBuffers(data)).toString("utf8"),
        );
      } catch (error) {
        session.send({ type: "FatalError", error: (error as Error).message });
        socket.close(1008, "protocol error");
        return;
      }
      session.enqueue(() => this.handle(session, message));
    });
    socket.on("close", () => {
      this.sessions.delete(session);
    });
    socket.on("error", () => socket.terminate());
  }

  private fatal(session: Session, error: string): void {
    session.send({ type: "FatalError", error });
    session.socket.close(1008, "protocol error");
  }

  private async handle(session: Session, message: ClientMessage): Promise<void> {
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
        for (const modification of message.modifications) {
          if (modification.type === "Add") {
            session.subscribe(
              modification.queryId,
              modification.udfPath,
              queryArgs(modification.args),
              modification.journal ?? null,
            );
          } else {
            session.unsubscribe(modification.queryId);
          }
        }
        session.querySet = message.newVersion;
        this.scheduleFlush();
        return;
      }
      case "Authenticate":
        await this.authenticate(session, message);
        return;
      case "Mutation": {
        const response = await this.mutation(
          session,
          message.requestId,
          message.udfPath,
          queryArgs(message.args),
        );
        session.send(response);
        this.scheduleFlush();
        return;
      }
      case "Action": {
        // Actions may run long: answer when done without holding up the messages behind them.
        const identity = session.identity;
        void callPublic(
          this.engine,
          message.udfPath,
          "action",
          queryArgs(message.args),
          identity,
        ).then((outcome) =>
          session.send({
            type: "ActionResponse",
            requestId: message.requestId,
            ...responseFields(outcome),
          }),
        );
        return;
      }
      case "Event":
        return;
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
      session.send({
        type: "AuthError",
        error: "Admin keys are not supported by the local backend.",
        baseVersion: message.baseVersion,
        authUpdateAttempted: true,
      });
      return;
    }
    let identity: UserIdentity | null = null;
    if (message.tokenType === "User") {
      try {
        identity = await this.verifier().verify(message.value);
      } catch (error) {
        session.send({
          type: "AuthError",
          error: (error as Error).message,
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

  /** Runs a mutation once per (session, requestId): a client re-sends unacknowledged ones after reconnecting. */
  private mutation(
    session: Session,
    requestId: number,
    udfPath: string,
    args: JSONValue,
  ): Promise<ServerMessage> {
    const sessionId = session.sessionId ?? "";
    let remembered = this.completedMutations.get(sessionId);
    if (remembered === undefined) {
      remembered = new Map();
      this.completedMutations.set(sessionId, remembered);
      if (this.completedMutations.size > REMEMBERED_SESSIONS) {
        const oldest = this.completedMutations.keys().next().value;
        if (oldest !== undefined) this.completedMutations.delete(oldest);
      }
    }
    const previous = remembered.get(requestId);
    if (previous !== undefined && sessionId !== "") return previous;
    const response = callPublic(this.engine, udfPath, "mutation", args, session.identity).then(
      (outcome): ServerMessage => ({
        type: "MutationResponse",
        requestId,
        ...responseFields(outcome),
        ...(outcome.ok ? { ts: encodeTs(this.engine.ts) } : {}),
      }),
    );
    remembered.set(requestId, response);
    if (remembered.size > REMEMBERED_MUTATIONS) {
      const oldest = remembered.keys().next().value;
      if (oldest !== undefined) remembered.delete(oldest);
    }
    return response;
  }

  dropConnections(): void {
    for (const session of this.sessions) session.socket.terminate();
  }

  close(): void {
    realClearInterval(this.pinger);
    this.detach();
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
