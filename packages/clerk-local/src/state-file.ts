// The store on disk: a snapshot (`state.json`) plus an append-only log of changes (`state.log`), so a write costs
// O(change), not O(state). Each append is fsynced before the request that caused it is answered, so an answered
// write survives `kill -9`; the log is folded into the snapshot on start and every COMPACT_EVERY changes.
import {
  closeSync,
  existsSync,
  fdatasyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";

/** Tables of records keyed by id. */
export type Tables<T> = { [K in keyof T]: Record<string, T[K]> };

/** One change: [table, id, record], or [table, id, null] for a deletion. */
export type Change<T> = { [K in keyof T & string]: [K, string, T[K] | null] }[keyof T & string];

const COMPACT_EVERY = 1000;
/** Owner-only, like signing-key.json: the state holds password hashes and session ids. */
const MODE = 0o600;

export class StateFileError extends Error {}

export class StateFile<T> {
  private readonly snapshotPath: string;
  private readonly logPath: string;
  private logFd: number | null = null;
  private changesSinceCompaction = 0;

  constructor(
    private readonly dataDir: string,
    private readonly tableNames: readonly (keyof T & string)[],
  ) {
    this.snapshotPath = join(dataDir, "state.json");
    this.logPath = join(dataDir, "state.log");
  }

  private corrupt(path: string, detail: string): StateFileError {
    return new StateFileError(
      `clerk-local: ${path} is corrupt (${detail}). Restore ${this.dataDir} from a backup, or delete that folder ` +
        `to start over (a new signing key and secret key; only the seeded users).`,
    );
  }

  private empty(): Tables<T> {
    return Object.fromEntries(this.tableNames.map((name) => [name, {}])) as Tables<T>;
  }

  private readSnapshot(): Tables<T> {
    if (!existsSync(this.snapshotPath)) return this.empty();
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.snapshotPath, "utf8"));
    } catch (error) {
      throw this.corrupt(this.snapshotPath, (error as Error).message);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw this.corrupt(this.snapshotPath, "not a JSON object");
    const tables = this.empty();
    for (const name of this.tableNames) {
      const table = (parsed as Record<string, unknown>)[name];
      if (table === undefined) continue;
      if (typeof table !== "object" || table === null || Array.isArray(table))
        throw this.corrupt(this.snapshotPath, `"${name}" is not an object`);
      tables[name] = table as Tables<T>[typeof name];
    }
    return tables;
  }

  private isChange(value: unknown): value is Change<T> {
    return (
      Array.isArray(value) &&
      value.length === 3 &&
      this.tableNames.includes(value[0] as keyof T & string) &&
      typeof value[1] === "string" &&
      typeof value[2] === "object"
    );
  }

  /** Reads snapshot + log. A torn last log line (a crash mid-append, never answered) is dropped. */
  load(): Tables<T> {
    const tables = this.readSnapshot();
    if (existsSync(this.logPath)) {
      const lines = readFileSync(this.logPath, "utf8").split("\n");
      for (const [index, line] of lines.entries()) {
        if (line === "") continue;
        let changes: unknown;
        try {
          changes = JSON.parse(line);
        } catch (error) {
          // Only the final line can be torn: the process died mid-append, before answering the request.
          if (index === lines.length - 1) break;
          throw this.corrupt(this.logPath, `line ${index + 1}: ${(error as Error).message}`);
        }
        if (!Array.isArray(changes) || !changes.every((change) => this.isChange(change)))
          throw this.corrupt(this.logPath, `line ${index + 1} is not a list of changes`);
        for (const change of changes) apply(tables, change);
      }
    }
    return tables;
  }

  /** Durably records one request's changes; returns once they reached the disk. */
  append(changes: Change<T>[], current: () => Tables<T>): void {
    if (changes.length === 0) return;
    this.logFd ??= openSync(this.logPath, "a", MODE);
    writeSync(this.logFd, `${JSON.stringify(changes)}\n`);
    fdatasyncSync(this.logFd);
    this.changesSinceCompaction += changes.length;
    if (this.changesSinceCompaction >= COMPACT_EVERY) this.compact(current());
  }

  /** Writes the whole state as the new snapshot (fsynced, then renamed over the old one) and empties the log. */
  compact(tables: Tables<T>): void {
    const tmp = `${this.snapshotPath}.tmp`;
    writeFileSync(tmp, JSON.stringify(tables), { mode: MODE });
    const fd = openSync(tmp, "r+");
    fdatasyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.snapshotPath);
    this.close();
    writeFileSync(this.logPath, "", { mode: MODE });
    this.changesSinceCompaction = 0;
  }

  close(): void {
    if (this.logFd !== null) closeSync(this.logFd);
    this.logFd = null;
  }
}

export function apply<T>(tables: Tables<T>, [table, id, record]: Change<T>): void {
  const rows = tables[table] as Record<string, unknown>;
  if (record === null) delete rows[id];
  else rows[id] = record;
}
