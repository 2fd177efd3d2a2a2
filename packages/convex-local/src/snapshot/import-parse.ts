// Reads what `npx convex import` uploads: a snapshot ZIP (as ./export-zip writes it, or as Convex does), or one
// table's JSON Lines, JSON array or CSV. Anything malformed is a 400 naming the file and line; nothing is written.
import { parse as parseCsv } from "csv-parse/sync";
import { unzipSync } from "fflate";

import { HttpError } from "../http";
import { decodeClean } from "./clean-json";
import type { Document } from "./export-zip";

export type ImportFormat = "zip" | "jsonLines" | "jsonArray" | "csv";

export const IMPORT_LIMITS = {
  /** Bytes one upload may hold (all its parts). */
  uploadBytes: 64 * 1024 * 1024,
  /** Bytes a ZIP may expand to. */
  unzippedBytes: 256 * 1024 * 1024,
};

export interface ParsedImport {
  /** Documents by table, in file order. */
  tables: Map<string, Document[]>;
  /** `_storage/documents.jsonl` rows and the files beside them, by storage id. */
  storage: { documents: Document[]; files: Map<string, Uint8Array> } | null;
}

/** Convex's rule for table names (user tables: no leading underscore), at most 64 characters. */
export const TABLE_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;

const bad = (code: string, message: string) => new HttpError(400, code, message);

const isRecord = (value: unknown): value is Document =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof ArrayBuffer);

function checkTableName(name: string, where: string): void {
  if (!TABLE_NAME.test(name))
    throw bad("InvalidTableName", `${where}: "${name}" is not a valid table name.`);
}

function utf8(bytes: Uint8Array, where: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw bad("NotUtf8", `${where} is not UTF-8.`);
  }
}

/** One document per non-empty line; `lossless` as in ./clean-json. */
function parseLines(text: string, where: string, lossless: boolean): Document[] {
  const documents: Document[] = [];
  for (const [index, line] of text.split("\n").entries()) {
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = decodeClean(line, lossless);
    } catch (error) {
      throw bad(
        "InvalidJsonRow",
        `${where}, line ${index + 1}: not a valid JSON document (${(error as Error).message}).`,
      );
    }
    if (!isRecord(value))
      throw bad("InvalidJsonRow", `${where}, line ${index + 1}: a document must be a JSON object.`);
    documents.push(value);
  }
  return documents;
}

function parseZip(bytes: Uint8Array): ParsedImport {
  let declared = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        declared += file.originalSize;
        if (declared > IMPORT_LIMITS.unzippedBytes)
          throw bad(
            "ZipTooLarge",
            `The ZIP expands to more than ${IMPORT_LIMITS.unzippedBytes} bytes.`,
          );
        return !file.name.endsWith("/");
      },
    });
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw bad("InvalidZip", `The upload is not a valid ZIP file (${(error as Error).message}).`);
  }
  const tables = new Map<string, Document[]>();
  const uniform = new Set<string>();
  const documentFiles: [string, string, Uint8Array][] = [];
  let storage: ParsedImport["storage"] = null;
  const storageFiles = new Map<string, Uint8Array>();
  for (const [path, content] of Object.entries(files)) {
    if (/(^|\/)_components\//.test(path))
      throw bad(
        "ComponentsNotSupported",
        `${path}: this backend has no components to import into.`,
      );
    const table = /^(?:.*\/)?([^/]+)\/(documents|generated_schema)\.jsonl$/.exec(path);
    if (table !== null) {
      const [, name = "", kind] = table;
      if (name === "_tables") continue;
      if (name.startsWith("_") && name !== "_storage") continue; // other system tables, as Convex skips them
      if (name !== "_storage") checkTableName(name, path);
      if (kind === "generated_schema") {
        const first = utf8(content, path).split("\n")[0] ?? "";
        if (first.trim() === JSON.stringify("uniform")) uniform.add(name);
      } else documentFiles.push([path, name, content]);
      continue;
    }
    const file = /^(?:.*\/)?_storage\/([^/.]+)(?:\.[^/]+)?$/.exec(path);
    if (file?.[1] !== undefined) storageFiles.set(file[1], content);
  }
  for (const [path, name, content] of documentFiles) {
    const documents = parseLines(
      utf8(content, path),
      path,
      uniform.has(name) || name === "_storage",
    );
    if (name === "_storage") storage = { documents, files: storageFiles };
    else tables.set(name, [...(tables.get(name) ?? []), ...documents]);
  }
  if (tables.size === 0 && storage === null)
    throw bad(
      "InvalidZip",
      "The ZIP holds no <table>/documents.jsonl: it is not a Convex snapshot.",
    );
  return { tables, storage };
}

function parseJsonArray(text: string): Document[] {
  let value: unknown;
  try {
    value = decodeClean(text, false);
  } catch (error) {
    throw bad("NotJson", `The upload is not valid JSON (${(error as Error).message}).`);
  }
  if (!Array.isArray(value))
    throw bad("NotJsonArray", "A JSON import must be an array of objects.");
  return value.map((item, index) => {
    if (!isRecord(item))
      throw bad("InvalidJsonRow", `Element ${index} of the array is not an object.`);
    return item;
  });
}

function parseCsvTable(text: string): Document[] {
  let rows: string[][];
  try {
    const parsed: unknown = parseCsv(text, { relax_column_count: false, skip_empty_lines: true });
    rows = parsed as string[][];
  } catch (error) {
    throw bad("InvalidCsv", `The upload is not valid CSV (${(error as Error).message}).`);
  }
  const [header, ...body] = rows;
  if (header === undefined) throw bad("CsvMissingHeaders", "A CSV import needs a header row.");
  const fields = header.map((name) => name.trim());
  for (const field of fields) {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/.test(field))
      throw bad("CsvInvalidHeader", `"${field}" in the CSV header is not a valid field name.`);
  }
  // As Convex reads CSV: a cell that parses as a number is a float64, anything else a string.
  return body.map((row) =>
    Object.fromEntries(
      fields.map((field, index) => {
        const cell = row[index] ?? "";
        const number = Number(cell);
        return [field, cell.trim() !== "" && Number.isFinite(number) ? number : cell];
      }),
    ),
  );
}

/** Parses an upload in `format`; `tableName` is required for the single-table formats and refused for ZIP. */
export function parseImport(
  bytes: Uint8Array,
  format: ImportFormat,
  tableName: string | null,
): ParsedImport {
  if (format === "zip") {
    if (tableName !== null)
      throw bad("InvalidImport", "A ZIP import names its tables itself: drop tableName.");
    return parseZip(bytes);
  }
  if (tableName === null) throw bad("InvalidImport", `A ${format} import needs a tableName.`);
  checkTableName(tableName, "tableName");
  const text = utf8(bytes, "The upload");
  if (text.startsWith("\uFEFF"))
    throw bad("Utf8BomNotSupported", "Remove the UTF-8 byte order mark.");
  const documents =
    format === "jsonLines"
      ? parseLines(text, "The upload", false)
      : format === "jsonArray"
        ? parseJsonArray(text)
        : parseCsvTable(text);
  return { tables: new Map([[tableName, documents]]), storage: null };
}
