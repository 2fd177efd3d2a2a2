// What `npx convex export` and `npx convex import` leave on the server between their requests: uploads in
// progress, imports and their states, and the latest export's ZIP. In memory (Convex keeps them in system tables
// and object storage; here they do not outlive the process), each bounded.
import type { Value } from "convex/values";

import { HttpError } from "../http";
import type { ImportMode, ImportPlan } from "./apply-import";
import type { ImportFormat, ParsedImport } from "./import-parse";
import { IMPORT_LIMITS } from "./import-parse";

/** An import's state as `_system/cli/queryImport` reports it (Convex's `ImportState`, snake_case fields). */
export type ImportState =
  | {
      state: "waiting_for_confirmation";
      message_to_confirm: string;
      require_manual_confirmation: boolean;
    }
  | { state: "completed"; num_rows_written: bigint }
  | { state: "failed"; error_message: string };

export interface ImportRecord {
  id: string;
  creationTime: number;
  format: ImportFormat;
  mode: ImportMode;
  tableName: string | null;
  state: ImportState;
  /** Dropped once the import has run or failed. */
  parsed: ParsedImport | null;
  plan: ImportPlan;
}

export interface ExportRecord {
  id: string;
  creationTime: number;
  startTs: bigint;
  includeStorage: boolean;
  zip: Uint8Array;
}

interface Upload {
  parts: Map<number, Uint8Array>;
  bytes: number;
  startedMs: number;
}

export const SNAPSHOT_LIMITS = {
  /** Uploads in progress at once (their bytes together stay under IMPORT_LIMITS.uploadBytes). */
  uploads: 8,
  /** An upload not finished after this is dropped. */
  uploadTtlMs: 15 * 60 * 1000,
  /** Imports remembered (the oldest go first). */
  imports: 20,
  /** Uploaded imports waiting for perform_import (older ones expire). */
  waitingImports: 2,
  /** Parts per upload, as Convex allows. */
  parts: 10_000,
};

export class SnapshotState {
  private readonly uploads = new Map<string, Upload>();
  private readonly imports = new Map<string, ImportRecord>();
  latestExport: ExportRecord | null = null;
  private counter = 10000;

  nextId(table: string): string {
    return `${this.counter++}${table}`;
  }

  private sweep(now: number): void {
    for (const [token, upload] of this.uploads)
      if (now - upload.startedMs > SNAPSHOT_LIMITS.uploadTtlMs) this.uploads.delete(token);
  }

  private pendingBytes(): number {
    let total = 0;
    for (const upload of this.uploads.values()) total += upload.bytes;
    return total;
  }

  startUpload(): string {
    const now = Date.now();
    this.sweep(now);
    if (this.uploads.size >= SNAPSHOT_LIMITS.uploads)
      throw new HttpError(
        429,
        "TooManyUploads",
        "Too many imports are uploading at once; try again shortly.",
      );
    const token = `upload-${crypto.randomUUID()}`;
    this.uploads.set(token, { parts: new Map(), bytes: 0, startedMs: now });
    return token;
  }

  private upload(token: string): Upload {
    const upload = this.uploads.get(token);
    if (upload === undefined)
      throw new HttpError(
        400,
        "InvalidUploadToken",
        "Unknown or expired upload token: start the import again.",
      );
    return upload;
  }

  /** Bytes the next part of `token` may have (the rest of the shared budget). */
  roomFor(token: string): number {
    this.upload(token);
    return Math.max(0, IMPORT_LIMITS.uploadBytes - this.pendingBytes());
  }

  addPart(token: string, partNumber: number, bytes: Uint8Array): void {
    const upload = this.upload(token);
    if (!Number.isSafeInteger(partNumber) || partNumber < 1 || partNumber > SNAPSHOT_LIMITS.parts)
      throw new HttpError(
        400,
        "InvalidPartNumber",
        `partNumber must be an integer from 1 to ${SNAPSHOT_LIMITS.parts}.`,
      );
    upload.bytes += bytes.byteLength - (upload.parts.get(partNumber)?.byteLength ?? 0);
    upload.parts.set(partNumber, bytes);
  }

  /** The upload's bytes, parts in the order of `partTokens` (each `"<partNumber>"`); the upload is gone after. */
  finishUpload(token: string, partTokens: unknown): Uint8Array {
    const upload = this.upload(token);
    if (!Array.isArray(partTokens))
      throw new HttpError(
        400,
        "InvalidPartTokens",
        '"partTokens" must be an array of the tokens upload_part gave.',
      );
    const parts = partTokens.map((partToken) => {
      const part =
        typeof partToken === "string" || typeof partToken === "number"
          ? upload.parts.get(Number(partToken))
          : undefined;
      if (part === undefined)
        throw new HttpError(
          400,
          "InvalidPartTokens",
          `Unknown part token ${JSON.stringify(partToken)}.`,
        );
      return part;
    });
    this.uploads.delete(token);
    return Buffer.concat(parts);
  }

  addImport(record: Omit<ImportRecord, "id" | "creationTime">): ImportRecord {
    const stored = { ...record, id: this.nextId("_snapshot_imports"), creationTime: Date.now() };
    // A parsed upload waiting for perform_import holds its documents in memory: only the newest few may wait.
    const waiting = [...this.imports.values()].filter((other) => other.parsed !== null);
    for (const stale of waiting.slice(
      0,
      Math.max(0, waiting.length - SNAPSHOT_LIMITS.waitingImports + 1),
    )) {
      stale.parsed = null;
      stale.state = {
        state: "failed",
        error_message:
          "Expired: newer imports were uploaded while this one waited; import it again.",
      };
    }
    this.imports.set(stored.id, stored);
    while (this.imports.size > SNAPSHOT_LIMITS.imports) {
      const oldest = this.imports.keys().next().value;
      if (oldest === undefined) break;
      this.imports.delete(oldest);
    }
    return stored;
  }

  getImport(id: unknown): ImportRecord {
    const record = typeof id === "string" ? this.imports.get(id) : undefined;
    if (record === undefined)
      throw new HttpError(400, "ImportNotFound", `No import with id ${JSON.stringify(id)}.`);
    return record;
  }

  /** The `_snapshot_imports` document `_system/cli/queryImport` answers. */
  importDocument(id: unknown): Record<string, Value> | null {
    const record = typeof id === "string" ? this.imports.get(id) : undefined;
    if (record === undefined) return null;
    return {
      _id: record.id,
      _creationTime: record.creationTime,
      state: record.state as unknown as Value,
      format:
        record.tableName === null
          ? { format: record.format }
          : { format: record.format, table: record.tableName },
      mode: record.mode,
      requestor: { type: "snapshotImport" },
      checkpoints: [],
    };
  }

  /** Every remembered import (`_system/cli/queryImport:list`). */
  importDocuments(): Record<string, Value>[] {
    return [...this.imports.keys()].flatMap((id) => {
      const document = this.importDocument(id);
      return document === null ? [] : [document];
    });
  }

  /** The `_exports` document `_system/cli/exports:getLatest` answers (null before the first export). */
  exportDocument(): Record<string, Value> | null {
    const record = this.latestExport;
    if (record === null) return null;
    return {
      _id: record.id,
      _creationTime: record.creationTime,
      state: "completed",
      start_ts: record.startTs,
      complete_ts: record.startTs,
      zip_object_key: `snapshot_${record.startTs}.zip`,
      format: { format: "zip", include_storage: record.includeStorage },
      requestor: "snapshotExport",
    };
  }
}
