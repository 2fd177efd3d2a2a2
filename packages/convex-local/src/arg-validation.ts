// Checks a function's arguments against its declared validator with the real backend's rules and words, so
// client code and tests that match on the error see what a Convex deployment says. The texts follow
// get-convex/convex-backend crates/common/src/schemas/validator.rs (`ValidationError`'s Display, the
// `Validator`/`ObjectValidator` Display and `check_value_internal`; values print as crates/value/src/lib.rs and
// object.rs print them: `{a: 1.0, b: "x"}`), e.g.
//   ArgumentValidationError: Value does not match validator.
//   Path: .threadId
//   Value: "smoke-attach-2a0d"
//   Validator: v.id("threads")
// The path line is empty for the arguments object itself, as there.
import type { JSONValue, Value } from "convex/values";
import { jsonToConvex } from "convex/values";

import { tableOfId } from "./ids";

interface FieldJson {
  fieldType: ValidatorJson;
  optional: boolean;
}
export type ValidatorJson =
  | { type: "null" | "number" | "bigint" | "boolean" | "string" | "bytes" | "any" }
  | { type: "id"; tableName: string }
  | { type: "literal"; value: JSONValue }
  | { type: "array"; value: ValidatorJson }
  | { type: "record"; keys: ValidatorJson; values: FieldJson }
  | { type: "object"; value: Record<string, FieldJson> }
  | { type: "union"; value: ValidatorJson[] }
  | { type: string };

/** Rust's `{:?}` of an f64, which the backend uses to print numbers (1 -> "1.0", 1e21 -> "1e21"). */
function rustFloat(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
  if (Object.is(n, -0)) return "-0.0";
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e16 || abs < 1e-4)) return n.toExponential().replace("e+", "e");
  const text = String(n);
  return Number.isInteger(n) ? `${text}.0` : text;
}

function sortedEntries<T>(record: Record<string, T>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A Convex value as the backend prints it (ConvexValue's Display). */
export function displayValue(value: Value | undefined): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return rustFloat(value);
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value instanceof ArrayBuffer)
    return `b${JSON.stringify(Buffer.from(value).toString("latin1"))}`;
  if (Array.isArray(value)) return `[${value.map(displayValue).join(", ")}]`;
  const fields = sortedEntries(value as Record<string, Value>);
  return `{${fields.map(([key, field]) => `${key}: ${displayValue(field)}`).join(", ")}}`;
}

function displayLiteral(json: JSONValue): string {
  const value = jsonToConvex(json);
  if (typeof value === "bigint") return "<bigint>";
  if (typeof value === "number") return Number.isFinite(value) ? rustFloat(value) : "<number>";
  return JSON.stringify(value);
}

/** A validator as the backend prints it (`v.object({a: v.string()})`). */
export function displayValidator(validator: ValidatorJson): string {
  const v = validator as ValidatorJson & Record<string, unknown>;
  switch (validator.type) {
    case "id":
      return `v.id("${String(v.tableName)}")`;
    case "number":
      return "v.float64()";
    case "bigint":
      return "v.int64()";
    case "literal":
      return `v.literal(${displayLiteral(v.value as JSONValue)})`;
    case "array":
      return `v.array(${displayValidator(v.value as ValidatorJson)})`;
    case "record":
      return `v.record(${displayValidator(v.keys as ValidatorJson)}, ${displayValidator((v.values as FieldJson).fieldType)})`;
    case "object":
      return `v.object({${sortedEntries(v.value as Record<string, FieldJson>)
        .map(([key, field]) => `${key}: ${displayField(field)}`)
        .join(", ")}})`;
    case "union":
      return `v.union(${(v.value as ValidatorJson[]).map(displayValidator).join(", ")})`;
    default:
      return `v.${validator.type}()`;
  }
}

function displayField(field: FieldJson): string {
  const inner = displayValidator(field.fieldType);
  return field.optional ? `v.optional(${inner})` : inner;
}

class Mismatch extends Error {}

const pathLine = (path: string) => (path === "" ? "" : `Path: ${path}`);

function noMatch(value: Value, validator: ValidatorJson, path: string): Mismatch {
  return new Mismatch(
    `Value does not match validator.\n${pathLine(path)}\nValue: ${displayValue(value)}\nValidator: ${displayValidator(validator)}`,
  );
}

function isPlainObject(value: Value): value is Record<string, Value> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof ArrayBuffer)
  );
}

function sameValue(a: Value, b: Value): boolean {
  return typeof a === typeof b && (a === b || (Number.isNaN(a) && Number.isNaN(b)));
}

/** `tables`: every table an id may name (schema tables and system tables); null accepts any. */
function check(value: Value, validator: ValidatorJson, path: string, tables: Set<string> | null) {
  const v = validator as ValidatorJson & Record<string, unknown>;
  switch (validator.type) {
    case "any":
      return;
    case "null":
      if (value !== null) throw noMatch(value, validator, path);
      return;
    case "number":
    case "bigint":
    case "boolean":
    case "string": {
      const js = { number: "number", bigint: "bigint", boolean: "boolean", string: "string" };
      if (typeof value !== js[validator.type]) throw noMatch(value, validator, path);
      return;
    }
    case "bytes":
      if (!(value instanceof ArrayBuffer)) throw noMatch(value, validator, path);
      return;
    case "id": {
      const table = typeof value === "string" ? tableOfId(value) : null;
      if (typeof value !== "string" || table === null || (tables !== null && !tables.has(table)))
        throw noMatch(value, validator, path);
      const wanted = String(v.tableName);
      if (table !== wanted) {
        const context = pathLine(path);
        throw new Mismatch(
          table.startsWith("_")
            ? `Found ID "${value}" from a system table, which does not match the table name in validator \`v.id("${wanted}")\`.${context}`
            : `Found ID "${value}" from table \`${table}\`, which does not match the table name in validator \`v.id("${wanted}")\`.${context}`,
        );
      }
      return;
    }
    case "literal": {
      const literal = v.value as JSONValue;
      if (!sameValue(value, jsonToConvex(literal))) {
        throw new Mismatch(
          `\`${displayValue(value)}\` does not match literal validator \`v.literal(${displayLiteral(literal)})\`.${pathLine(path)}`,
        );
      }
      return;
    }
    case "array":
      if (!Array.isArray(value)) throw noMatch(value, validator, path);
      value.forEach((element, i) =>
        check(element, v.value as ValidatorJson, `${path}[${i}]`, tables),
      );
      return;
    case "record": {
      if (!isPlainObject(value)) throw noMatch(value, validator, path);
      for (const [key, field] of sortedEntries(value)) {
        check(key, v.keys as ValidatorJson, `${path}.keys()`, tables);
        check(field, (v.values as FieldJson).fieldType, `${path}.values()`, tables);
      }
      return;
    }
    case "object": {
      if (!isPlainObject(value)) throw noMatch(value, validator, path);
      const fields = v.value as Record<string, FieldJson>;
      const tail = `${pathLine(path)}\nObject: ${displayValue(value)}\nValidator: ${displayValidator(validator)}`;
      for (const [name, field] of sortedEntries(fields)) {
        const present = Object.hasOwn(value, name) && value[name] !== undefined;
        if (present) check(value[name] as Value, field.fieldType, `${path}.${name}`, tables);
        else if (!field.optional) {
          throw new Mismatch(
            `Object is missing the required field \`${name}\`. Consider wrapping the field validator in \`v.optional(...)\` if this is expected.\n${tail}`,
          );
        }
      }
      for (const [name] of sortedEntries(value)) {
        if (!Object.hasOwn(fields, name))
          throw new Mismatch(
            `Object contains extra field \`${name}\` that is not in the validator.\n${tail}`,
          );
      }
      return;
    }
    case "union": {
      const members = v.value as ValidatorJson[];
      if (members.length === 1 && members[0] !== undefined) {
        check(value, members[0], path, tables);
        return;
      }
      for (const member of members) {
        try {
          check(value, member, path, tables);
          return;
        } catch (error) {
          if (!(error instanceof Mismatch)) throw error;
        }
      }
      throw noMatch(value, validator, path);
    }
    default:
      // A validator this server does not know (a newer convex): leave it to convex-test's own check.
      return;
  }
}

/** The error text Convex gives for arguments that fail `validator`, or null when they pass. */
export function argumentValidationError(
  args: Value,
  validator: ValidatorJson,
  tables: Set<string> | null,
): string | null {
  try {
    check(args, validator, "", tables);
    return null;
  } catch (error) {
    if (error instanceof Mismatch) return `ArgumentValidationError: ${error.message}`;
    throw error;
  }
}

/** The text for a value failing `validator` without the argument prefix (a document against its table's schema). */
export function valueMismatch(
  value: Value,
  validator: ValidatorJson,
  tables: Set<string> | null,
): string | null {
  const error = argumentValidationError(value, validator, tables);
  return error === null ? null : error.slice("ArgumentValidationError: ".length);
}
