// File storage as Convex serves it (https://docs.convex.dev/file-storage): `generateUploadUrl()` gives a URL on
// this server, a POST of the file's bytes to it answers `{"storageId"}`, `getUrl()` gives a URL a GET serves
// the bytes from with their content type, and every file has a `_storage` row (sha256 in base64, size,
// contentType). Bytes live in the data folder's storage/ (in memory without one), written and fsynced before
// the row commits, so a committed row always has its file.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
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
} from "node:fs";
import { join } from "node:path";

/**
 * Convex documents no size limit for upload URLs, only a 2-minute upload timeout (and 20 MB for HTTP action
 * bodies): https://docs.convex.dev/file-storage/upload-files. A local disk is smaller than Convex's, so this
 * server caps one file (configurable with --max-file-bytes / CONVEX_LOCAL_MAX_FILE_BYTES) and answers 413.
 */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024 * 1024;
/** Convex upload URLs expire after an hour (docs.convex.dev/file-storage/upload-files). */
const UPLOAD_URL_TTL_MS = 60 * 60 * 1000;
/** convex-test ids: digits then the table name. */
const STORAGE_ID = /^[0-9]+_storage$/;

export interface StoredFile {
  bytes: Buffer;
  contentType: string | null;
}

/** The `_storage` row for some bytes. */
export function storageFields(
  bytes: Uint8Array,
  contentType: string | null,
): { sha256: string; size: number; contentType?: string } {
  const sha256 = createHash("sha256").update(bytes).digest("base64");
  return {
    sha256,
    size: bytes.byteLength,
    ...(contentType === null || contentType === "" ? {} : { contentType }),
  };
}

export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`File exceeds this server's limit of ${limit} bytes (--max-file-bytes).`);
  }
}

export class BlobStore {
  private readonly memory = new Map<string, Buffer>();
  private readonly dir: string | null;
  /** Signs upload URLs; a restart invalidates outstanding ones, as if they had expired. */
  private readonly secret = randomBytes(32);

  constructor(
    dataDir: string | null,
    readonly maxFileBytes: number,
  ) {
    this.dir = dataDir === null ? null : join(dataDir, "storage");
    if (this.dir !== null) mkdirSync(this.dir, { recursive: true });
  }

  static isStorageId(id: string): boolean {
    return STORAGE_ID.test(id);
  }

  checkSize(size: number): void {
    if (size > this.maxFileBytes) throw new FileTooLargeError(this.maxFileBytes);
  }

  write(storageId: string, bytes: Uint8Array): void {
    if (!BlobStore.isStorageId(storageId)) throw new Error(`Not a storage id: ${storageId}`);
    if (this.dir === null) {
      this.memory.set(storageId, Buffer.from(bytes));
      return;
    }
    const path = join(this.dir, storageId);
    writeFileSync(`${path}.tmp`, bytes);
    const fd = openSync(`${path}.tmp`, "r+");
    fdatasyncSync(fd);
    closeSync(fd);
    renameSync(`${path}.tmp`, path);
  }

  read(storageId: string): Buffer | null {
    if (!BlobStore.isStorageId(storageId)) return null;
    if (this.dir === null) return this.memory.get(storageId) ?? null;
    const path = join(this.dir, storageId);
    return existsSync(path) ? readFileSync(path) : null;
  }

  delete(storageId: string): void {
    if (!BlobStore.isStorageId(storageId)) return;
    this.memory.delete(storageId);
    if (this.dir !== null) rmSync(join(this.dir, storageId), { force: true });
  }

  /** A token for an upload URL: its expiry, signed. */
  uploadToken(now = Date.now()): string {
    const expires = String(now + UPLOAD_URL_TTL_MS);
    return `${expires}.${this.sign(expires)}`;
  }

  /** Whether a token came from this server and has not expired. */
  checkUploadToken(token: string, now = Date.now()): boolean {
    const [expires, signature, ...rest] = token.split(".");
    if (expires === undefined || signature === undefined || rest.length > 0) return false;
    if (!/^[0-9]+$/.test(expires) || Number(expires) < now) return false;
    const expected = Buffer.from(this.sign(expires));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sign(value: string): string {
    return createHmac("sha256", this.secret).update(value).digest("base64url");
  }
}
