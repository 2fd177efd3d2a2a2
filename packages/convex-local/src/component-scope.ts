// Names that stay apart across components. Each mounted component has its own database (convex-test's
// DatabaseFake per component), whose ids and table names may repeat the app's; wherever the server keeps
// documents, reads or writes of several components side by side (the data folder, read sets, the scheduled
// jobs it resumes) they carry their component's path: `<path>::<id>`, `<path>::<table>`. The app's (path "")
// stay as they were, so data written before components existed reads back unchanged. Neither table names nor
// ids nor component names can hold a colon, so the first "::" is the split.

/** A function in one component: its path and its udf path ("lib:rateLimit"). */
export interface Address {
  component: string;
  udfPath: string;
}

const SEPARATOR = "::";
const HANDLE = /^function:\/\/([^;]*);(.+)$/;

export const scopedId = (component: string, id: string): string =>
  component === "" ? id : `${component}${SEPARATOR}${id}`;

export const scopedTable = scopedId;

/** A stored key's component and id (the app's when it carries no path). */
export function splitScopedId(key: string): { component: string; id: string } {
  const at = key.indexOf(SEPARATOR);
  return at === -1
    ? { component: "", id: key }
    : { component: key.slice(0, at), id: key.slice(at + SEPARATOR.length) };
}

/** A serialized query (`{source: {tableName} | {indexName, ...}}`) with its table scoped, for a read set. */
export function scopedQuery(component: string, query: unknown): unknown {
  if (component === "" || typeof query !== "object" || query === null) return query;
  const { source } = query as { source?: unknown };
  if (typeof source !== "object" || source === null) return query;
  const { tableName, indexName } = source as { tableName?: unknown; indexName?: unknown };
  return {
    ...query,
    source: {
      ...source,
      ...(typeof tableName === "string" ? { tableName: scopedTable(component, tableName) } : {}),
      ...(typeof indexName === "string" ? { indexName: scopedTable(component, indexName) } : {}),
    },
  };
}

/**
 * How the server names a function of a component in one string: convex-test's function handle
 * (`function://<component>;<udfPath>`), which convex-test runs in that component. The app's are plain paths.
 */
export const handleOf = ({ component, udfPath }: Address): string =>
  component === "" ? udfPath : `function://${component};${udfPath}`;

/** Whether a name is a function handle (any `function://` name), as opposed to a udf path. */
export const isFunctionHandle = (name: string): boolean => name.startsWith("function://");

/** The inverse of handleOf: a handle's component and path, or the app's for a plain path. */
export function addressOf(name: string): Address {
  const match = HANDLE.exec(name);
  return match === null
    ? { component: "", udfPath: name }
    : { component: match[1] ?? "", udfPath: match[2] ?? "" };
}
