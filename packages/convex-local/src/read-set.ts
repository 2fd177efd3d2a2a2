// What one query execution read, precise enough to tell whether a commit can change its result: documents read
// by id, index ranges (narrowed by their equality conditions) and whole tables. A write re-runs only the queries
// whose read set it touches. It must never miss one: anything this cannot describe counts as "everything".
import type { Value } from "convex/values";

type Doc = Record<string, Value>;

/** One document a commit wrote: its value before and after (null: absent). */
export interface WrittenDocument {
  id: string;
  table: string;
  before: Doc | null;
  after: Doc | null;
}

/** Passed as a commit's writes when the code changed (a push): every result may differ, so all re-run. */
export const EVERYTHING: readonly WrittenDocument[] = Object.freeze([]);

/** An index range's table and its `Eq` conditions (Convex JSON values); other bounds are ignored (wider). */
interface RangeRead {
  table: string;
  fieldPaths: string[];
  values: unknown[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A field as convex-test's index evaluation reads it: dotted paths descend into plain objects only. */
function fieldValue(doc: Doc, fieldPath: string): unknown {
  let value: unknown = doc;
  for (const part of fieldPath.split(".")) value = isRecord(value) ? value[part] : undefined;
  return value;
}

/** Values whose equality `===` decides exactly as Convex's compareValues (0 and -0 aside: too wide, so safe). */
const isScalar = (value: unknown) =>
  typeof value === "string" ||
  typeof value === "boolean" ||
  (typeof value === "number" && Number.isFinite(value)) ||
  value === null ||
  value === undefined;

/**
 * The scalar a range's JSON value stands for: `{"$undefined": null}` is `q.eq(field, undefined)`
 * (convex/values convexOrUndefinedToJson); null means "not a scalar" (an object, array, int64, bytes...).
 */
function rangeScalar(json: unknown): { value: unknown } | null {
  if (isRecord(json)) {
    const keys = Object.keys(json);
    return keys.length === 1 && keys[0] === "$undefined" ? { value: undefined } : null;
  }
  // A JSON number is a float64, as a document's number field; JSON has no non-finite numbers.
  return isScalar(json) ? { value: json } : null;
}

/** False only when the document certainly fails the range's equalities; unsure counts as inside. */
function mayBeInRange(range: RangeRead, doc: Doc | null): boolean {
  if (doc === null) return false;
  return range.fieldPaths.every((fieldPath, index) => {
    const wanted = rangeScalar(range.values[index]);
    const actual = fieldValue(doc, fieldPath);
    return wanted === null || !isScalar(actual) || actual === wanted.value;
  });
}

export class ReadSet {
  private readonly tables = new Set<string>();
  private readonly ranges: RangeRead[] = [];
  private readonly ids = new Set<string>();
  /** A read this cannot describe: any commit may change the result. */
  private unknown = false;

  /** A query's `source` from `1.0/queryStream` / `1.0/queryPage` (convex/server's serialized query). */
  addQuery(query: unknown): void {
    const source = isRecord(query) ? query.source : undefined;
    if (!isRecord(source)) {
      this.unknown = true;
      return;
    }
    const { type, tableName, indexName, range } = source;
    if (typeof tableName === "string") {
      this.tables.add(tableName);
      return;
    }
    if (typeof indexName !== "string") {
      this.unknown = true;
      return;
    }
    const table = indexName.split(".")[0] ?? indexName;
    if (type !== "IndexRange" || !Array.isArray(range)) {
      this.tables.add(table);
      return;
    }
    // convex-test keeps the documents that meet every condition, so each `Eq` narrows the range on its own.
    const equalities = range.filter(
      (expr): expr is { type: "Eq"; fieldPath: string; value?: unknown } =>
        isRecord(expr) && expr.type === "Eq" && typeof expr.fieldPath === "string",
    );
    if (equalities.length === 0) this.tables.add(table);
    else
      this.ranges.push({
        table,
        fieldPaths: equalities.map((expr) => expr.fieldPath),
        values: equalities.map((expr) => expr.value),
      });
  }

  /** Every document of a table (a count, file storage); null: a table this cannot name. */
  addTable(table: string | null): void {
    if (table === null) this.unknown = true;
    else this.tables.add(table);
  }

  /** One document by id (`ctx.db.get`), found or not. */
  addDocument(id: string): void {
    this.ids.add(id);
  }

  /** Whether a commit of `writes` can change what was read. */
  touchedBy(writes: readonly WrittenDocument[]): boolean {
    if (this.unknown || writes === EVERYTHING) return true;
    return writes.some(
      (write) =>
        this.ids.has(write.id) ||
        this.tables.has(write.table) ||
        this.ranges.some(
          (range) =>
            range.table === write.table &&
            (mayBeInRange(range, write.before) || mayBeInRange(range, write.after)),
        ),
    );
  }
}
