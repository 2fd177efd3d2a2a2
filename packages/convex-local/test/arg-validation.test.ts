// Argument validation errors read as Convex's (get-convex/convex-backend crates/common/src/schemas/validator.rs),
// over HTTP (ConvexHttpClient) and WebSocket (ConvexClient) alike.
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ConvexLocal } from "../src/index";
import { httpClient, startFixtureBackend, wsClient } from "./support";

const shaped = makeFunctionReference<"mutation">("messages:shaped");
const add = makeFunctionReference<"mutation">("messages:add");
const recordTick = makeFunctionReference<"mutation">("ticks:later");

const VALIDATOR =
  'v.object({kind: v.optional(v.union(v.literal("a"), v.literal("b"))), name: v.string(), ' +
  'ref: v.optional(v.id("messages")), tags: v.optional(v.array(v.string()))})';

let backend: ConvexLocal;
beforeAll(async () => {
  backend = await startFixtureBackend();
});
afterAll(async () => {
  await backend.stop();
});

async function errorOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => new Error("(no error)"),
    (e: unknown) => e as Error,
  );
  return error.message;
}

describe("argument validation errors", () => {
  it("name the missing field, the object and the validator", async () => {
    expect(await errorOf(httpClient(backend.url).mutation(shaped, {}))).toBe(
      "ArgumentValidationError: Object is missing the required field `name`. Consider wrapping the field " +
        "validator in `v.optional(...)` if this is expected.\n\nObject: {}\nValidator: " +
        VALIDATOR,
    );
  });

  it("name an extra field", async () => {
    expect(
      await errorOf(httpClient(backend.url).mutation(shaped, { name: "x", extra: true })),
    ).toBe(
      "ArgumentValidationError: Object contains extra field `extra` that is not in the validator.\n\n" +
        `Object: {extra: true, name: "x"}\nValidator: ${VALIDATOR}`,
    );
  });

  const mismatches: [string, Record<string, unknown>, string][] = [
    [
      "a wrong type",
      { name: 5 },
      "Value does not match validator.\nPath: .name\nValue: 5.0\nValidator: v.string()",
    ],
    [
      "an array element",
      { name: "x", tags: ["a", 1.5] },
      "Value does not match validator.\nPath: .tags[1]\nValue: 1.5\nValidator: v.string()",
    ],
    [
      "a union of literals",
      { name: "x", kind: "c" },
      'Value does not match validator.\nPath: .kind\nValue: "c"\nValidator: v.union(v.literal("a"), v.literal("b"))',
    ],
    [
      "a string that is no id",
      { name: "x", ref: "nope" },
      'Value does not match validator.\nPath: .ref\nValue: "nope"\nValidator: v.id("messages")',
    ],
  ];
  for (const [what, args, message] of mismatches) {
    it(`point at ${what} by path, over WebSocket`, async () => {
      const client = wsClient(backend.url);
      const text = await errorOf(client.mutation(shaped, args));
      // ConvexClient wraps the server's text: "[CONVEX M(messages:shaped)] <text>\n  Called by client".
      expect(text).toContain(`] ArgumentValidationError: ${message}\n`);
      await client.close();
    });
  }

  it("say which table an id of another table came from", async () => {
    const http = httpClient(backend.url);
    const tickJob = (await http.mutation(recordTick, { source: "ids", delayMs: 60_000 })) as string;
    const messageId = (await http.mutation(add, { body: "b", rank: 1 })) as string;
    expect(await http.mutation(shaped, { name: "ok", ref: messageId })).toBeNull();
    expect(await errorOf(http.mutation(shaped, { name: "x", ref: tickJob }))).toBe(
      `ArgumentValidationError: Found ID "${tickJob}" from a system table, which does not match the table ` +
        'name in validator `v.id("messages")`.Path: .ref',
    );
  });
});
