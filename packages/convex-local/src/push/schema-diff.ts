// The schema side of a push: the exported schema (`defineSchema(...).export()`), the index diff Convex reports
// (deployApi/finishPush.ts indexDiff), and the check that existing documents match a new schema, worded as
// Convex words a refused push: `Document with ID "…" in table "…" does not match the schema: …`.
import type { Value } from "convex/values";

import type { ValidatorJson } from "../arg-validation";
import { valueMismatch } from "../arg-validation";
import { tableOfId } from "../ids";

export interface ManifestTable {
  tableName: string;
  indexes: { indexDescriptor: string; fields: string[] }[];
  searchIndexes?: { indexDescriptor: string; searchField: string; filterFields: string[] }[] | null;
  vectorIndexes?:
    | {
        indexDescriptor: string;
        vectorField: string;
        dimensions?: number;
        filterFields: string[];
      }[]
    | null;
  documentType: ValidatorJson | null;
}

export interface ManifestSchema {
  tables: ManifestTable[];
  schemaValidation: boolean;
}

export type IndexConfig =
  | { name: string; type: "database"; fields: string[] }
  | { name: string; type: "search"; searchField: string; filterFields: string[] }
  | {
      name: string;
      type: "vector";
      dimensions: number;
      vectorField: string;
      filterFields: string[];
    };

export interface IndexDiff {
  added_indexes: IndexConfig[];
  removed_indexes: IndexConfig[];
}

export function indexesOf(schema: ManifestSchema | null): IndexConfig[] {
  return (schema?.tables ?? []).flatMap((table) => [
    ...table.indexes.map((index): IndexConfig => ({
      name: `${table.tableName}.${index.indexDescriptor}`,
      type: "database",
      fields: index.fields,
    })),
    ...(table.searchIndexes ?? []).map((index): IndexConfig => ({
      name: `${table.tableName}.${index.indexDescriptor}`,
      type: "search",
      searchField: index.searchField,
      filterFields: index.filterFields,
    })),
    ...(table.vectorIndexes ?? []).map((index): IndexConfig => ({
      name: `${table.tableName}.${index.indexDescriptor}`,
      type: "vector",
      dimensions: index.dimensions ?? 0,
      vectorField: index.vectorField,
      filterFields: index.filterFields,
    })),
  ]);
}

export function indexDiff(before: ManifestSchema | null, after: ManifestSchema | null): IndexDiff {
  const key = (index: IndexConfig) => JSON.stringify(index);
  const old = new Set(indexesOf(before).map(key));
  const next = new Set(indexesOf(after).map(key));
  return {
    added_indexes: indexesOf(after).filter((index) => !old.has(key(index))),
    removed_indexes: indexesOf(before).filter((index) => !next.has(key(index))),
  };
}

export interface SchemaViolation {
  tableName: string;
  documentId: string;
  error: string;
}

/** The first stored document the schema refuses, or null when all match (or the schema enforces nothing). */
export function schemaViolation(
  schema: ManifestSchema | null,
  documents: Iterable<[string, Record<string, Value>]>,
): SchemaViolation | null {
  if (schema?.schemaValidation !== true) return null;
  const tables = new Map(schema.tables.map((table) => [table.tableName, table]));
  const idTables = new Set([...tables.keys(), "_storage", "_scheduled_functions"]);
  for (const [id, doc] of documents) {
    const tableName = tableOfId(id);
    if (tableName === null || tableName.startsWith("_")) continue;
    const table = tables.get(tableName);
    if (table === undefined) {
      return {
        tableName,
        documentId: id,
        error: `Document with ID "${id}" in table "${tableName}" does not match the schema: the schema has no table "${tableName}". Add it to schema.ts, or delete its documents first.`,
      };
    }
    if (table.documentType === null) continue;
    const { _id, _creationTime, ...fields } = doc;
    void _id;
    void _creationTime;
    const mismatch = valueMismatch(fields, table.documentType, idTables);
    if (mismatch !== null) {
      return {
        tableName,
        documentId: id,
        error: `Document with ID "${id}" in table "${tableName}" does not match the schema: ${mismatch}`,
      };
    }
  }
  return null;
}
