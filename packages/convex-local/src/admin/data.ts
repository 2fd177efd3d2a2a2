// What `npx convex data` (and the CLI's large-table checks) query: _system/cli/tables, tableData and tableSize,
// paginated as Convex pages them ({ page, isDone, continueCursor }). The cursor is the last row's _creationTime,
// so rows written between pages neither repeat nor shift the next page.
import type { JSONValue } from "convex/values";

import { componentNotFound } from "../calls";
import { HttpError } from "../http";
import { stringArg } from "./args";
import type { SystemQuery } from "./system-functions";

/** The most rows one page holds (the CLI asks for up to 10 000). */
const MAX_PAGE = 10_000;

interface Page {
  numItems: number;
  cursor: number | null;
}

function paginationOpts(args: Record<string, JSONValue>): Page {
  const opts = args.paginationOpts;
  if (typeof opts !== "object" || opts === null || Array.isArray(opts))
    throw new HttpError(400, "InvalidArgument", 'Argument "paginationOpts" must be an object.');
  const { numItems, cursor } = opts;
  if (typeof numItems !== "number" || !Number.isInteger(numItems) || numItems < 1)
    throw new HttpError(
      400,
      "InvalidArgument",
      "paginationOpts.numItems must be a positive integer.",
    );
  if (cursor === null || cursor === undefined)
    return { numItems: Math.min(numItems, MAX_PAGE), cursor: null };
  const at = typeof cursor === "string" ? Number(cursor) : Number.NaN;
  if (!Number.isFinite(at))
    throw new HttpError(
      400,
      "InvalidArgument",
      "paginationOpts.cursor is not a cursor this backend gave.",
    );
  return { numItems: Math.min(numItems, MAX_PAGE), cursor: at };
}

function paginate<T>(rows: T[], page: Page, at: (row: T) => number, descending: boolean) {
  const after =
    page.cursor === null
      ? rows
      : rows.filter((row) =>
          descending ? at(row) < (page.cursor ?? 0) : at(row) > (page.cursor ?? 0),
        );
  const chosen = after.slice(0, page.numItems);
  const last = chosen.at(-1);
  return {
    page: chosen,
    isDone: after.length <= page.numItems,
    continueCursor:
      last === undefined ? (page.cursor === null ? "" : String(page.cursor)) : String(at(last)),
  };
}

/** The component the call names; a path no component is mounted at is the caller's mistake. */
function missingComponent(componentPath: string): never {
  throw new HttpError(404, "ComponentNotFound", componentNotFound(componentPath));
}

const creationTime = (doc: JSONValue): number =>
  Number((doc as { _creationTime?: unknown })._creationTime ?? 0);

const tables: SystemQuery = ({ engine, componentPath }, args) => {
  const names = engine.userTables(componentPath) ?? missingComponent(componentPath);
  // Tables have no creation time here: their sorted position stands in for it.
  const rows = names.map((name, index) => ({ name, index }));
  const result = paginate(rows, paginationOpts(args), (row) => row.index, false);
  return { ...result, page: result.page.map(({ name }) => ({ name })) };
};

const tableData: SystemQuery = ({ engine, componentPath }, args) => {
  const table = stringArg(args, "table");
  const order = args.order ?? "desc";
  if (order !== "asc" && order !== "desc")
    throw new HttpError(400, "InvalidArgument", 'Argument "order" must be "asc" or "desc".');
  const docs = engine.tableDocuments(table, componentPath) ?? missingComponent(componentPath);
  if (order === "desc") docs.reverse();
  return paginate(docs, paginationOpts(args), creationTime, order === "desc");
};

const tableSize: SystemQuery = ({ engine, componentPath }, args) =>
  (
    engine.tableDocuments(stringArg(args, "tableName"), componentPath) ??
    missingComponent(componentPath)
  ).length;

export const DATA_SYSTEM_QUERIES: Readonly<Record<string, SystemQuery>> = {
  "_system/cli/tables:default": tables,
  "_system/cli/tableData:default": tableData,
  "_system/cli/tableSize:default": tableSize,
};
