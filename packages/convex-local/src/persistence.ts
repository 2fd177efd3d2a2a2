// The document store on disk: a snapshot plus an append-only write-ahead log, fsynced before a
// mutation is acknowledged, so data survives a restart or `kill -9` after any acknowledged write.
import {
  closeSync,
  existsSync,
  fdatasyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";

import type { JSONValue } from "convex/values";

/** Documents in Convex's JSON encoding, keyed by id; null marks a deletion in a log entry. */
export type StoredDocuments = Record<string, JSONValue>;

/** A database's id counter and last creation time (the app's, or one mounted component's). */
export interface Counters {
  nextDocId: number;
  lastCreationTime: number;
}

/**
 * The app's documents keyed by id, a mounted component's by `<component path>::<id>` (./component-scope);
 * `components` holds each component's counters (absent in data written before components).
 */
export interface StoreState extends Counters {
  documents: StoredDocuments;
  components?: Record<string, Counters>;
  /** Last commit timestamp, as a decimal string (bigint). */
  ts: string;
}

export interface Commit extends Counters {
  writes: Record<string, JSONValue | null>;
  /** The counters of the components the commit wrote to. */
  components?: Record<string, Counters>;
  ts: string;
}

const EMPTY: StoreState = { documents: {}, nextDocId: 10000, lastCreationTime: 0, ts: "0" };
/** Compact the log into the snapshot after this many commits. */
const COMPACT_EVERY = 5000;

export class FileStore {
  private readonly snapshotPath: string;
  private readonly logPath: string;
  private logFd: number | null = null;
  private commitsSinceCompaction = 0;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.snapshotPath = join(dir, "snapshot.json");
    this.logPath = join(dir, "log.jsonl");
  }

  /** Reads snapshot + log (ignoring a torn last line from a crash) and compacts them. */
  load(): StoreState {
    const state = existsSync(this.snapshotPath) ? this.readSnapshot() : structuredClone(EMPTY);
    if (existsSync(this.logPath)) {
      const lines = readFileSync(this.logPath, "utf8").split("\n");
      for (const [index, line] of lines.entries()) {
        if (line === "") continue;
        let commit: Commit;
        try {
          commit = parseCommit(line);
        } catch (error) {
          // Only the final line can be torn (the process died mid-append, before acknowledging).
          if (index >= lines.length - 2) break;
          throw this.corrupt(this.logPath, `line ${index + 1}: ${(error as Error).message}`);
        }
        apply(state, commit);
      }
    }
    this.compact(state);
    return state;
  }

  private readSnapshot(): StoreState {
    try {
      return parseSnapshot(readFileSync(this.snapshotPath, "utf8"));
    } catch (error) {
      throw this.corrupt(this.snapshotPath, (error as Error).message);
    }
  }

  /** Start-up fails naming the file and the ways out; nothing is deleted behind the user's back. */
  private corrupt(file: string, reason: string): Error {
    return new Error(
      `${file} is corrupt (${reason}). To start anyway, move it aside (e.g. \`mv ${file} ${file}.bad\`: ` +
        `the data it held is then missing), or delete all local data in ${this.dir} with ` +
        `\`pnpm --filter @repo/convex-local reset\`.`,
    );
  }

  /** Durably records one committed transaction. Returns after the bytes reach the disk. */
  append(commit: Commit, current: () => StoreState): void {
    this.logFd ??= openSync(this.logPath, "a");
    writeSync(this.logFd, `${JSON.stringify(commit)}\n`);
    fdatasyncSync(this.logFd);
    if (++this.commitsSinceCompaction >= COMPACT_EVERY) this.compact(current());
  }

  private compact(state: StoreState): void {
    const tmp = `${this.snapshotPath}.tmp`;
    writeFileSync(tmp, JSON.stringify(state));
    const fd = openSync(tmp, "r+");
    fdatasyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.snapshotPath);
    if (this.logFd !== null) closeSync(this.logFd);
    writeFileSync(this.logPath, "");
    this.logFd = openSync(this.logPath, "a");
    this.commitsSinceCompaction = 0;
  }

  close(): void {
    if (this.logFd !== null) closeSync(this.logFd);
    this.logFd = null;
  }

  /** Deletes all data (the `--reset` command). */
  static reset(dir: string): void {
    rmSync(dir, { recursive: true, force: true });
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The fields both a snapshot and a log entry carry; throws naming the first bad one. */
function checkCounters(value: Record<string, unknown>): void {
  checkIdCounters(value, "");
  if (typeof value.ts !== "string" || !/^[0-9]+$/.test(value.ts))
    throw new Error('"ts" is not a decimal string');
  if (value.components === undefined) return;
  if (!isRecord(value.components)) throw new Error('"components" is not an object');
  for (const [path, counters] of Object.entries(value.components)) {
    if (!isRecord(counters)) throw new Error(`"components.${path}" is not an object`);
    checkIdCounters(counters, `components.${path}.`);
  }
}

function checkIdCounters(value: Record<string, unknown>, where: string): void {
  if (!Number.isSafeInteger(value.nextDocId))
    throw new Error(`"${where}nextDocId" is not an integer`);
  if (typeof value.lastCreationTime !== "number")
    throw new Error(`"${where}lastCreationTime" is not a number`);
}

function parseSnapshot(text: string): StoreState {
  const value: unknown = JSON.parse(text);
  if (!isRecord(value)) throw new Error("not a JSON object");
  if (!isRecord(value.documents)) throw new Error('"documents" is not an object');
  checkCounters(value);
  return value as unknown as StoreState;
}

function parseCommit(line: string): Commit {
  const value: unknown = JSON.parse(line);
  if (!isRecord(value)) throw new Error("not a JSON object");
  if (!isRecord(value.writes)) throw new Error('"writes" is not an object');
  checkCounters(value);
  return value as unknown as Commit;
}

function apply(state: StoreState, commit: Commit): void {
  for (const [id, doc] of Object.entries(commit.writes)) {
    if (doc === null) delete state.documents[id];
    else state.documents[id] = doc;
  }
  state.nextDocId = commit.nextDocId;
  state.lastCreationTime = commit.lastCreationTime;
  if (commit.components !== undefined)
    state.components = { ...state.components, ...commit.components };
  state.ts = commit.ts;
}
