// Checks an import against the database and writes it in one transaction: documents keep their `_id` and
// `_creationTime` (so export → reset → import gives back the same data), new ones get fresh ones. Every problem
// is found before anything is written and answered as a 400 naming the table and document.
import type { Value } from "convex/values";
import { convexToJson } from "convex/values";

import type { DatabaseFake } from "../engine";
import { HttpError } from "../http";
import { tableOfId } from "../ids";
import type { Document } from "./export-zip";
import type { ParsedImport } from "./import-parse";

export type ImportMode = "requireEmpty" | "append" | "replace" | "replaceAll";

export interface TableChange {
  table: string;
  create: number;
  delete: number;
}

export interface ImportPlan {
  changes: TableChange[];
  /** The CLI shows this before importing (and asks, unless --yes, when documents are deleted). */
  messageToConfirm: string;
  requiresConfirmation: boolean;
}

const bad = (code: string, message: string) => new HttpError(400, code, message);

/** The counter a convex-test id starts with (`10003tasks` → 10003). */
const idCounter = (id: string) => Number(/^[0-9]+/.exec(id)?.[0] ?? "0");

function existingByTable(db: DatabaseFake): Map<string, string[]> {
  const byTable = new Map<string, string[]>();
  for (const id of Object.keys(db._documents)) {
    const table = tableOfId(id);
    if (table === null) continue;
    byTable.set(table, [...(byTable.get(table) ?? []), id]);
  }
  return byTable;
}

interface Prepared {
  table: string;
  id: string | null;
  creationTime: number | null;
  fields: Record<string, Value>;
}

function prepare(
  db: DatabaseFake,
  table: string,
  documents: Document[],
  seen: Set<string>,
): Prepared[] {
  const schemaTables = db._schema?.tables ?? null;
  if (schemaTables !== null && !schemaTables.has(table) && table !== "_storage")
    throw bad(
      "UnknownTable",
      `Table "${table}" is not in the schema: add it to schema.ts before importing it.`,
    );
  return documents.map((document, index) => {
    const where = `${table}, document ${index + 1}`;
    const { _id, _creationTime, ...all } = document;
    // A `_storage` row is its file's metadata; Convex's exports add fields (internalId) this backend has no use for.
    const fields =
      table === "_storage"
        ? Object.fromEntries(
            Object.entries(all).filter(
              ([key, value]) => ["sha256", "size", "contentType"].includes(key) && value !== null,
            ),
          )
        : all;
    if (_id !== undefined) {
      if (typeof _id !== "string" || tableOfId(_id) !== table || !/^[0-9]+/.test(_id))
        throw bad(
          "InvalidId",
          `${where}: _id ${JSON.stringify(convexToJson(_id))} is not an id of table "${table}" in this backend's ` +
            "format (digits then the table name). Drop _id and _creationTime to import it as a new document.",
        );
      if (seen.has(_id))
        throw bad("DuplicateId", `${where}: _id "${_id}" appears twice in the import.`);
      seen.add(_id);
    }
    if (_creationTime !== undefined && (typeof _creationTime !== "number" || !(_creationTime > 0)))
      throw bad("InvalidCreationTime", `${where}: _creationTime must be a positive number.`);
    const system = Object.keys(fields).find((field) => field.startsWith("_"));
    if (system !== undefined)
      throw bad(
        "InvalidField",
        `${where}: field "${system}" starts with "_", which Convex reserves.`,
      );
    try {
      convexToJson(fields);
      db._validate(table, fields);
    } catch (error) {
      throw bad("SchemaValidationFailed", `${where}: ${(error as Error).message}`);
    }
    return {
      table,
      id: _id ?? null,
      creationTime: typeof _creationTime === "number" ? _creationTime : null,
      fields,
    };
  });
}

function summarize(changes: TableChange[]): ImportPlan {
  const deletes = changes.filter((change) => change.delete > 0);
  const rows = changes.map(
    (change) => `  ${change.table}: create ${change.create}, delete ${change.delete}`,
  );
  return {
    changes,
    messageToConfirm:
      deletes.length === 0
        ? ""
        : `Import change summary:\n${rows.join("\n")}\nOnce the import has started, it will run in the background.`,
    requiresConfirmation: deletes.length > 0,
  };
}

/** How an applied import stores the bytes of its `_storage` rows (before they commit). */
export type StoreFile = (storageId: string, bytes: Uint8Array) => void;

/**
 * Checks `parsed` against the database for `mode` and, given `storeFile`, stages its writes in the running
 * transaction (Engine.transact). Throws a 400 (nothing staged) on the first problem.
 */
export function applyImport(
  db: DatabaseFake,
  parsed: ParsedImport,
  mode: ImportMode,
  storeFile: StoreFile | null,
): ImportPlan {
  const existing = existingByTable(db);
  const seen = new Set<string>();
  const prepared = [...parsed.tables].flatMap(([table, documents]) =>
    prepare(db, table, documents, seen),
  );
  const storage =
    parsed.storage === null ? [] : prepare(db, "_storage", parsed.storage.documents, seen);
  for (const row of storage) {
    if (row.id === null || !parsed.storage?.files.has(row.id))
      throw bad(
        "MissingStorageFile",
        `_storage: no file in the ZIP for "${row.id ?? "(no _id)"}".`,
      );
  }
  const targets = new Set([...parsed.tables.keys(), ...(storage.length > 0 ? ["_storage"] : [])]);
  const deleted = new Set<string>();
  if (mode === "replaceAll") {
    for (const [table, ids] of existing)
      if (!table.startsWith("_") || targets.has(table)) ids.forEach((id) => deleted.add(id));
  } else if (mode === "replace") {
    for (const table of targets) (existing.get(table) ?? []).forEach((id) => deleted.add(id));
  } else if (mode === "requireEmpty") {
    for (const table of targets) {
      const count = existing.get(table)?.length ?? 0;
      if (count > 0)
        throw bad(
          "TableNotEmpty",
          `Table "${table}" already has ${count} document(s). Import with --replace to replace them, ` +
            "--append to add to them, or --replace-all to replace every table.",
        );
    }
  }
  for (const row of [...prepared, ...storage]) {
    if (row.id !== null && db._documents[row.id] !== undefined && !deleted.has(row.id))
      throw bad("DocumentExists", `${row.table}: a document with _id "${row.id}" already exists.`);
  }
  const changes = new Map<string, TableChange>();
  const change = (table: string) => {
    let entry = changes.get(table);
    if (entry === undefined) changes.set(table, (entry = { table, create: 0, delete: 0 }));
    return entry;
  };
  for (const id of deleted) change(tableOfId(id) ?? "").delete += 1;
  for (const row of [...prepared, ...storage]) change(row.table).create += 1;
  const plan = summarize([...changes.values()].sort((a, b) => a.table.localeCompare(b.table)));
  if (storeFile === null) return plan;

  for (const row of storage) {
    const bytes = row.id === null ? undefined : parsed.storage?.files.get(row.id);
    if (row.id !== null && bytes !== undefined) storeFile(row.id, bytes);
  }
  for (const id of deleted) db._addWrite(id, null);
  const rows = [...storage, ...prepared];
  const highest = Math.max(
    db._nextDocId - 1,
    ...rows.map((row) => (row.id === null ? 0 : idCounter(row.id))),
  );
  db._nextDocId = highest + 1;
  let lastCreationTime = Math.max(
    db._lastCreationTime,
    ...rows.map((row) => row.creationTime ?? 0),
  );
  for (const row of rows) {
    const id = row.id ?? db._generateId(row.table);
    let creationTime = row.creationTime;
    if (creationTime === null) {
      const now = Date.now();
      creationTime = now <= lastCreationTime ? lastCreationTime + 0.001 : now;
      lastCreationTime = creationTime;
    }
    db._addWrite(id, { ...row.fields, _id: id, _creationTime: creationTime });
  }
  db._lastCreationTime = lastCreationTime;
  return plan;
}
