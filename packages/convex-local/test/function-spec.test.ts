// `npx convex function-spec`'s answer (_system/cli/modules:apiSpec), from the serving modules: identifiers,
// types, visibility, args/returns validators as Convex JSON, and the HTTP routes.
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, expect, test } from "vitest";

import { Engine } from "../src/engine";
import { functionSpec } from "../src/push/function-spec";

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.create({
    functionsDir: fileURLToPath(new URL("fixtures/push-app/convex", import.meta.url)),
    dataDir: null,
  });
});
afterAll(() => engine.close());

test("lists every function with its validators, and the HTTP routes", async () => {
  const specs = await functionSpec(engine);
  expect(specs).toContainEqual({
    identifier: "notes.js:add",
    functionType: "Mutation",
    visibility: { kind: "public" },
    args: {
      type: "object",
      value: {
        body: { fieldType: { type: "string" }, optional: false },
        author: { fieldType: { type: "string" }, optional: false },
      },
    },
    returns: { type: "any" },
  });
  expect(specs).toContainEqual(
    expect.objectContaining({
      identifier: "notes.js:count",
      functionType: "Query",
      visibility: { kind: "internal" },
    }),
  );
  expect(specs).toContainEqual(
    expect.objectContaining({
      identifier: "notes.js:list",
      returns: expect.objectContaining({ type: "array" }) as unknown,
    }),
  );
  expect(specs).toContainEqual({ functionType: "HttpAction", method: "GET", path: "/hello" });
  expect(specs.filter((spec) => JSON.stringify(spec).includes("_generated"))).toEqual([]);
});
