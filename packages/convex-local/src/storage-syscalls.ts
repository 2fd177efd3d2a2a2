// convex/server's storage calls (ctx.storage.*) answered from this server's files (./storage) instead of
// convex-test's in-memory fakes, whose URLs point at a made-up deployment.
import type { JSONValue, Value } from "convex/values";

import type { StoredFile } from "./storage";
import { BlobStore, storageFields } from "./storage";

type Doc = Record<string, Value>;

/** What file storage needs from the database. */
export interface StorageDatabase {
  /** The `_storage` row as the running function sees it (its own writes included). */
  get(storageId: string): Doc | null;
  /** The committed `_storage` row. */
  committed(storageId: string): Doc | null;
  /** Inserts a `_storage` row in the running mutation, or in a transaction of its own; `then` runs before commit. */
  insert(fields: Doc, then: (id: string) => void): Promise<string>;
}

export class FileStorage {
  /** Where clients reach this server; file URLs point here (set once it listens). */
  origin = "http://127.0.0.1";

  constructor(
    readonly blobs: BlobStore,
    private readonly db: StorageDatabase,
  ) {}

  /** Answers an async syscall; undefined leaves it to convex-test (`1.0/storageDelete` deletes the row). */
  async syscall(op: string, args: Record<string, unknown>): Promise<JSONValue | undefined> {
    const storageId = typeof args.storageId === "string" ? args.storageId : "";
    switch (op) {
      case "1.0/storageGenerateUploadUrl":
        return `${this.origin}/api/storage/upload?token=${this.blobs.uploadToken()}`;
      case "1.0/storageGetUrl":
        return this.db.get(storageId) === null ? null : `${this.origin}/api/storage/${storageId}`;
      case "1.0/storageGetMetadata": {
        const doc = this.db.get(storageId);
        if (doc === null) return null;
        const { sha256, size, contentType } = doc as {
          sha256: string;
          size: number;
          contentType?: string;
        };
        return { storageId, sha256, size, contentType: contentType ?? null };
      }
      case "1.0/storageStore": {
        const bytes = Buffer.from(String(args.blob), "base64");
        return await this.store(
          bytes,
          typeof args.contentType === "string" ? args.contentType : null,
        );
      }
      case "1.0/storageGet": {
        const file = this.file(storageId, true);
        return file === null
          ? null
          : { blob: file.bytes.toString("base64"), contentType: file.contentType };
      }
      default:
        return undefined;
    }
  }

  /** `ctx.storage.store(blob)` / `.get(id)` in actions (js syscalls `storage/storeBlob`, `storage/getBlob`). */
  async jsSyscall(op: "storage/storeBlob" | "storage/getBlob", args: Record<string, unknown>) {
    if (op === "storage/storeBlob") {
      const blob = args.blob as Blob;
      const bytes = Buffer.from(await blob.arrayBuffer());
      const expected = (args.options as { sha256?: unknown } | undefined)?.sha256;
      const { sha256 } = storageFields(bytes, blob.type);
      if (typeof expected === "string" && expected !== sha256) {
        throw new Error(`Hash mismatch: the file's sha256 is ${sha256}, not ${expected}.`);
      }
      return await this.store(bytes, blob.type);
    }
    const file = this.file(String(args.storageId), true);
    return file === null
      ? null
      : new Blob([new Uint8Array(file.bytes)], { type: file.contentType ?? "" });
  }

  /** Stores bytes: the file is written before its `_storage` row commits. */
  async store(bytes: Uint8Array, contentType: string | null): Promise<string> {
    this.blobs.checkSize(bytes.byteLength);
    return await this.db.insert(storageFields(bytes, contentType), (id) =>
      this.blobs.write(id, bytes),
    );
  }

  /** A stored file, or null. `inFunction` reads through the running function's own writes. */
  file(storageId: string, inFunction = false): StoredFile | null {
    if (!BlobStore.isStorageId(storageId)) return null;
    const doc = inFunction ? this.db.get(storageId) : this.db.committed(storageId);
    const bytes = doc === null ? null : this.blobs.read(storageId);
    if (doc === null || bytes === null) return null;
    return { bytes, contentType: typeof doc.contentType === "string" ? doc.contentType : null };
  }
}
