// Convex's snapshot ZIP (`npx convex export`), laid out as Convex writes it (crates/application/src/exports):
// README.md, `_tables/documents.jsonl` ({name, id} per user table), and per table `<table>/generated_schema.jsonl`
// (`"uniform"`: the documents are clean lossless JSON) and `<table>/documents.jsonl`, one document a line;
// with file storage, `_storage/documents.jsonl` (the files' metadata) and `_storage/<id><.ext>` (their bytes).
import type { Value } from "convex/values";
import { strToU8, zipSync } from "fflate";
import type { Zippable } from "fflate";

import { encodeClean } from "./clean-json";

export type Document = Record<string, Value>;

export const EXPORT_README = `# Welcome to your Convex snapshot export!

This ZIP file contains a snapshot of the tables in your Convex deployment.

Documents for each table are listed as lines of JSON in
<table_name>/documents.jsonl files.

For details on the format and how to use this snapshot with npx convex import,
check out [the docs](https://docs.convex.dev/database/import-export/export).
`;

/** Convex numbers user tables from 10001. */
const FIRST_TABLE_NUMBER = 10001;

export interface StoredFile {
  storageId: string;
  /** The `_storage` document. */
  document: Document;
  bytes: Uint8Array;
}

const EXTENSIONS: Record<string, string> = {
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "image/gif": ".gif",
  "image/webp": ".webp",
  "image/svg+xml": ".svg",
  "text/plain": ".txt",
  "text/html": ".html",
  "text/csv": ".csv",
  "application/json": ".json",
  "application/pdf": ".pdf",
};

const jsonl = (lines: string[]) => strToU8(lines.map((line) => `${line}\n`).join(""));

/** The ZIP of `tables` (every user table, empty ones too) and, when given, the stored files. */
export function buildSnapshotZip(
  tables: ReadonlyMap<string, readonly Document[]>,
  files: readonly StoredFile[] | null,
): Uint8Array {
  const names = [...tables.keys()].sort();
  const entries: Zippable = {
    "README.md": strToU8(EXPORT_README),
    "_tables/documents.jsonl": jsonl(
      names.map((name, index) => JSON.stringify({ name, id: FIRST_TABLE_NUMBER + index })),
    ),
  };
  for (const name of names) {
    entries[`${name}/generated_schema.jsonl`] = jsonl([JSON.stringify("uniform")]);
    entries[`${name}/documents.jsonl`] = jsonl((tables.get(name) ?? []).map(encodeClean));
  }
  if (files !== null) {
    entries["_storage/documents.jsonl"] = jsonl(
      files.map(({ document }) =>
        encodeClean({
          _id: document._id ?? null,
          _creationTime: document._creationTime ?? null,
          sha256: document.sha256 ?? null,
          size: document.size ?? null,
          contentType: document.contentType ?? null,
        }),
      ),
    );
    for (const { storageId, document, bytes } of files) {
      const type = typeof document.contentType === "string" ? document.contentType : "";
      entries[`_storage/${storageId}${EXTENSIONS[type] ?? ""}`] = bytes;
    }
  }
  return zipSync(entries, { level: 6 });
}
