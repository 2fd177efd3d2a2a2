// The one decoder of client-sent function arguments (Convex-encoded JSON -> Convex values), used by the HTTP API,
// the WebSocket parser and the engine alike, so a malformed value is refused in the same words on every transport
// and before anything else walks it (a 16 MiB body nests millions deep: JSON.stringify would overflow the stack).
// It checks what convex's own jsonToConvex lets through or answers with a crash, then lets jsonToConvex convert
// (its messages for field names and $-encodings are Convex's).
import type { JSONValue, Value } from "convex/values";
import { jsonToConvex } from "convex/values";

/**
 * Convex's MAX_NESTING (get-convex/convex-backend crates/value/src/size.rs, `check_nesting`: "TooNestedError"):
 * a primitive nests 0 levels, `[1]` one, `{a: [1]}` two; deeper than 64 is refused.
 */
export const MAX_NESTING = 64;

export class BadValueError extends Error {
  constructor(
    /** "TooNestedError" is Convex's code for the nesting limit; every other refusal is "BadConvexValue". */
    readonly code: "TooNestedError" | "BadConvexValue",
    message: string,
  ) {
    super(message);
  }
}

/** Padded standard base64, as the backend's decoder requires; convex's own decoder turns "@@@@" into zeros. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** A UTF-16 surrogate without its pair: not Unicode, so not a Convex (Rust) string. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** The $-encodings a client may send (convexToJson's); every other "$" field name is reserved. */
const ENCODED_BYTES: Record<string, number | undefined> = {
  $bytes: undefined,
  $integer: 8,
  $float: 8,
};

const at = (path: string) => (path === "" ? "" : ` at ${path}`);

function bad(path: string, message: string): never {
  throw new BadValueError("BadConvexValue", `${message}${at(path)}`);
}

function checkEncoded(key: string, encoded: unknown, path: string): void {
  if (typeof encoded !== "string" || !BASE64.test(encoded))
    bad(path, `${key} must be a padded base64 string`);
  const expected = ENCODED_BYTES[key];
  const length = Buffer.byteLength(encoded, "base64");
  if (expected !== undefined && length !== expected)
    bad(path, `Received ${length} bytes, expected ${expected} for ${key}`);
}

/** Walks `value` at nesting level `depth` (the arguments object is level 1); throws on the first problem. */
function check(value: unknown, path: string, depth: number): void {
  if (typeof value === "string") {
    if (LONE_SURROGATE.test(value)) bad(path, "String contains a lone UTF-16 surrogate");
    return;
  }
  if (typeof value !== "object" || value === null) return;
  const keys = Object.keys(value);
  const only = keys.length === 1 ? keys[0] : undefined;
  if (only !== undefined && only in ENCODED_BYTES) {
    checkEncoded(only, (value as Record<string, unknown>)[only], path);
    return;
  }
  if (depth > MAX_NESTING) {
    throw new BadValueError(
      "TooNestedError",
      `Value is too nested (more than ${MAX_NESTING} levels deep > maximum nesting ${MAX_NESTING})${at(path)}`,
    );
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => check(item, `${path}[${index}]`, depth + 1));
    return;
  }
  for (const key of keys) {
    // JSON.parse makes it an own field; assigning it to a new object would set the prototype and drop it.
    if (key === "__proto__")
      bad(
        path,
        "Field name __proto__ is refused: JavaScript cannot hold it as data, so it would be lost",
      );
    if (key.startsWith("$")) bad(path, `Field name ${key} starts with a '$', which is reserved.`);
    check((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
  }
}

/** Throws BadValueError naming the first problem with these arguments; a no-op for valid ones. */
export function checkArgs(json: unknown): void {
  check(json, "", 1);
}

/** The arguments object as Convex values; throws BadValueError for anything Convex would refuse. */
export function decodeArgs(json: JSONValue): Record<string, Value> {
  checkArgs(json);
  try {
    return jsonToConvex(json) as Record<string, Value>;
  } catch (error) {
    throw new BadValueError(
      "BadConvexValue",
      error instanceof Error ? error.message : String(error),
    );
  }
}

/** The problem with these arguments, or null: for parsers that report rather than throw. */
export function argsProblem(json: unknown): BadValueError | null {
  try {
    decodeArgs(json as JSONValue);
    return null;
  } catch (error) {
    if (error instanceof BadValueError) return error;
    throw error;
  }
}
