// Convex's lossless "clean" JSON of snapshot exports (`ValueFormat::ConvexExportJSON`, marked by a
// generated_schema.jsonl of `"uniform"`): int64 as a plain integer, float64 always with a dot or exponent
// (`1.0`), and what JSON cannot spell (bytes, NaN, ±Infinity, -0) in the `{"$bytes"|"$float": base64}` form.
import type { JSONValue, Value } from "convex/values";
import { convexToJson, jsonToConvex } from "convex/values";
import { parse as parseLossless } from "lossless-json";

function encodeFloat(value: number): string {
  if (!Number.isFinite(value) || Object.is(value, -0)) return JSON.stringify(convexToJson(value));
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

/** One value (a document, usually) as a line of clean lossless JSON. */
export function encodeClean(value: Value): string {
  if (value === null || typeof value === "boolean" || typeof value === "string")
    return JSON.stringify(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return encodeFloat(value);
  if (value instanceof ArrayBuffer) return JSON.stringify(convexToJson(value));
  if (Array.isArray(value)) return `[${value.map(encodeClean).join(",")}]`;
  const fields = Object.entries(value)
    .filter((entry): entry is [string, Value] => entry[1] !== undefined)
    .map(([key, field]) => `${JSON.stringify(key)}:${encodeClean(field)}`);
  return `{${fields.join(",")}}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Clean JSON (already parsed, ints as bigint) to a Convex value; `{"$…": …}` objects are Convex's own JSON. */
function fromClean(value: unknown): Value {
  if (Array.isArray(value)) return value.map(fromClean);
  if (isRecord(value)) {
    if (Object.keys(value)[0]?.startsWith("$") === true) return jsonToConvex(value as JSONValue);
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, fromClean(field)]));
  }
  if (typeof value === "bigint" && (value < INT64_MIN || value > INT64_MAX))
    throw new Error(`${value} does not fit in an int64`);
  return value as Value;
}

/**
 * Parses one line of an import. `lossless`: clean lossless JSON (integers are int64); otherwise plain JSON as a
 * single-table import or an older export holds it, where every number is a float64. Throws on bad JSON.
 */
export function decodeClean(line: string, lossless: boolean): Value {
  if (!lossless) return fromClean(JSON.parse(line) as unknown);
  return fromClean(
    parseLossless(line, null, (text) => (/^-?[0-9]+$/.test(text) ? BigInt(text) : Number(text))),
  );
}
