// oidc-provider's storage (sessions, interactions, grants, codes, tokens) in one JSON file in the data dir, so a
// restart keeps users signed in and their refresh tokens valid, as clerk-local keeps its sessions. Expired entries
// are dropped on every write; a dev server holds a few hundred entries at most, so lookups simply scan.
import { existsSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import type { Adapter, AdapterFactory, AdapterPayload } from "oidc-provider";

import { readDataFile } from "./data-file";

interface Entry {
  payload: AdapterPayload;
  /** Epoch milliseconds, or null for entries without a lifetime. */
  expiresAt: number | null;
}

class StateFile {
  private readonly entries: Map<string, Entry>;

  constructor(private readonly path: string) {
    const stored = existsSync(path)
      ? (readDataFile(path, isEntryRecord) as Record<string, Entry>)
      : {};
    this.entries = new Map(Object.entries(stored));
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined || (entry.expiresAt !== null && entry.expiresAt <= Date.now()))
      return undefined;
    return entry;
  }

  find(prefix: string, matches: (payload: AdapterPayload) => boolean): AdapterPayload | undefined {
    for (const [key] of this.entries) {
      if (!key.startsWith(prefix)) continue;
      const entry = this.get(key);
      if (entry !== undefined && matches(entry.payload)) return entry.payload;
    }
    return undefined;
  }

  set(key: string, entry: Entry): void {
    this.entries.set(key, entry);
    this.save();
  }

  delete(matches: (key: string, payload: AdapterPayload) => boolean): void {
    for (const [key, entry] of this.entries)
      if (matches(key, entry.payload)) this.entries.delete(key);
    this.save();
  }

  private save(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries)
      if (entry.expiresAt !== null && entry.expiresAt <= now) this.entries.delete(key);
    // Write-then-rename: a crash mid-write never leaves a truncated file behind.
    const temp = `${this.path}.tmp`;
    writeFileSync(temp, JSON.stringify(Object.fromEntries(this.entries)), { mode: 0o600 });
    renameSync(temp, this.path);
  }
}

function isEntryRecord(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry: Partial<Entry> | null) => {
      const expiresAt = entry?.expiresAt;
      return (
        typeof entry?.payload === "object" && (expiresAt === null || typeof expiresAt === "number")
      );
    })
  );
}

export function fileAdapter(dataDir: string): AdapterFactory {
  const state = new StateFile(join(dataDir, "sessions.json"));
  return (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    return {
      upsert(id, payload, expiresIn) {
        state.set(key(id), {
          payload,
          expiresAt: typeof expiresIn === "number" ? Date.now() + expiresIn * 1000 : null,
        });
        return Promise.resolve();
      },
      find: (id) => Promise.resolve(state.get(key(id))?.payload),
      findByUid: (uid) =>
        Promise.resolve(state.find(`${model}:`, (payload) => payload.uid === uid)),
      findByUserCode: (userCode) =>
        Promise.resolve(state.find(`${model}:`, (payload) => payload.userCode === userCode)),
      consume(id) {
        const entry = state.get(key(id));
        if (entry !== undefined)
          state.set(key(id), {
            ...entry,
            payload: { ...entry.payload, consumed: Math.floor(Date.now() / 1000) },
          });
        return Promise.resolve();
      },
      destroy(id) {
        state.delete((candidate) => candidate === key(id));
        return Promise.resolve();
      },
      revokeByGrantId(grantId) {
        state.delete((_key, payload) => payload.grantId === grantId);
        return Promise.resolve();
      },
    };
  };
}
