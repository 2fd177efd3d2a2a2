// Malformed Convex values, one entry per class, and a fast-check generator of random instances of each: shared by
// the HTTP and WebSocket tests, which expect the same refusal (status 400 over HTTP, a failed call over the socket)
// and nothing written. Kept as JSON text, as a client's bytes arrive: JSON.parse makes "__proto__" an own field and
// keeps lone surrogates, which object literals would not.
import fc from "fast-check";

import { MAX_NESTING } from "../src/value-decoder";

export interface BadValueClass {
  name: string;
  /** The arguments object's JSON text (a million levels deep is too deep for JSON.stringify). */
  text: string;
  code: "BadConvexValue" | "TooNestedError";
  message: RegExp;
}

const nested = (levels: number, leaf: string) => "[".repeat(levels) + leaf + "]".repeat(levels);

/** Arguments for counter:increment with one malformed value in them, as JSON text. */
const counterArgs = (name: string, extra: string) =>
  `{"counterName":${name}${extra === "" ? "" : `,${extra}`}}`;

export const BAD_VALUE_CLASSES: BadValueClass[] = [
  {
    name: "a field name beginning with $",
    text: counterArgs('"bad-dollar"', '"$by":1'),
    code: "BadConvexValue",
    message: /Field name \$by starts with a '\$', which is reserved/,
  },
  {
    name: "a field name containing NUL",
    text: counterArgs('"bad-nul"', '"b\\u0000y":1'),
    code: "BadConvexValue",
    message: /Field name b.y has invalid character/,
  },
  {
    name: "two $-keys in one object",
    text: counterArgs('{"$integer":"AAAAAAAAAAA=","$float":"AAAAAAAA+H8="}', ""),
    code: "BadConvexValue",
    message: /starts with a '\$', which is reserved/,
  },
  {
    name: "$integer that is not base64",
    text: counterArgs('"bad-int"', '"by":{"$integer":"@@@@@@@@@@@="}'),
    code: "BadConvexValue",
    message: /\$integer must be a padded base64 string at \.by/,
  },
  {
    name: "$integer of the wrong byte length",
    text: counterArgs('"bad-int-length"', '"by":{"$integer":"AAAA"}'),
    code: "BadConvexValue",
    message: /Received 3 bytes, expected 8 for \$integer at \.by/,
  },
  {
    name: "$float of the wrong byte length",
    text: counterArgs('"bad-float-length"', '"by":{"$float":"AAAAAA=="}'),
    code: "BadConvexValue",
    message: /Received 4 bytes, expected 8 for \$float at \.by/,
  },
  {
    name: "$bytes that is not a base64 string",
    text: counterArgs('"bad-bytes"', '"by":{"$bytes":5}'),
    code: "BadConvexValue",
    message: /\$bytes must be a padded base64 string at \.by/,
  },
  {
    name: `nesting deeper than ${MAX_NESTING}`,
    text: counterArgs(nested(MAX_NESTING, '"deep"'), ""),
    code: "TooNestedError",
    message: /Value is too nested .*maximum nesting 64/,
  },
  {
    name: "nesting a million levels deep",
    text: counterArgs(nested(1_000_000, "1"), ""),
    code: "TooNestedError",
    message: /Value is too nested/,
  },
  {
    name: "a lone UTF-16 surrogate in a string",
    text: counterArgs('"bad-surrogate\\ud800"', ""),
    code: "BadConvexValue",
    message: /lone UTF-16 surrogate at \.counterName/,
  },
  {
    name: "a __proto__ field",
    text: counterArgs('"bad-proto"', '"__proto__":{"by":5}'),
    code: "BadConvexValue",
    message: /Field name __proto__ is refused/,
  },
];

/**
 * The counter names the classes above would write to, were they accepted ("bad-surrogate\ud800" is no longer
 * readable either: the decoder refuses it before any function runs).
 */
export const BAD_VALUE_COUNTERS = ["bad-proto", "bad-dollar", "bad-nul"];

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const base64ish = fc.string({ unit: fc.constantFrom(..."AB+/=@!-_ \u0000"), maxLength: 16 });
const shortBase64 = fc
  .uint8Array({ maxLength: 16 })
  .filter((bytes) => bytes.length !== 8)
  .map((bytes) => Buffer.from(bytes).toString("base64"));
const loneSurrogate = fc
  .tuple(
    fc.string({ maxLength: 5 }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
    fc.string({ maxLength: 5 }),
  )
  .map(([before, unit, after]) => `${before}${String.fromCharCode(unit)}${after}`);
const reservedName = fc
  .tuple(
    fc.constantFrom("$", "$$", "$set", "$map", "$commitTs", "$integer"),
    fc.string({ maxLength: 5 }),
  )
  .map(([prefix, rest]) => prefix + rest);
const controlName = fc
  .tuple(fc.string({ maxLength: 4 }), fc.integer({ min: 0, max: 31 }))
  .map(([name, code]) => `${name}${String.fromCharCode(code)}`);

/** A malformed value of a random class, somewhere in an otherwise valid arguments object. */
const badValue: fc.Arbitrary<string> = fc.oneof(
  reservedName.map((name) => `{${JSON.stringify(name)}:1,"x":2}`),
  controlName.map((name) => `{${JSON.stringify(name)}:1}`),
  fc
    .tuple(fc.constantFrom("$integer", "$float", "$bytes"), base64ish)
    .filter(([, text]) => !BASE64.test(text))
    .map(([key, text]) => `{${JSON.stringify(key)}:${JSON.stringify(text)}}`),
  fc
    .tuple(fc.constantFrom("$integer", "$float"), shortBase64)
    .map(([key, text]) => `{${JSON.stringify(key)}:${JSON.stringify(text)}}`),
  fc
    .tuple(fc.constantFrom("$bytes", "$integer", "$float"), fc.jsonValue({ maxDepth: 1 }))
    .filter(([, value]) => typeof value !== "string")
    .map(([key, value]) => `{${JSON.stringify(key)}:${JSON.stringify(value)}}`),
  fc.integer({ min: MAX_NESTING, max: 200 }).map((levels) => nested(levels, "null")),
  loneSurrogate.map((text) => JSON.stringify(text)),
  fc.jsonValue({ maxDepth: 1 }).map((value) => `{"__proto__":${JSON.stringify(value)}}`),
);

/** Random arguments (JSON text) for counter:increment that each hold one malformed value. */
export const badArgs: fc.Arbitrary<string> = fc
  .tuple(badValue, fc.constantFrom("counterName", "by", "extra"))
  .map(([value, field]) =>
    field === "counterName"
      ? counterArgs(value, "")
      : counterArgs('"fuzzed-bad-value"', `"${field}":${value}`),
  );
