// Convex's documented HTTP API body, `{"path":"tasks:list","args":{…},"format":"json"}` (args as an object, format
// optional), works beside the client library's one-element array, with the same answers and error shapes.
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ConvexLocal } from "../src/index";
import { startConvexLocal } from "../src/index";

let local: ConvexLocal;
beforeAll(async () => {
  local = await startConvexLocal({
    port: 0,
    sitePort: 0,
    dataDir: null,
    functionsDir: fileURLToPath(new URL("fixtures/cli-app/convex", import.meta.url)),
    logs: false,
  });
});
afterAll(async () => {
  await local.stop();
});

async function post(path: string, body: unknown) {
  const response = await fetch(`${local.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("HTTP API with object args", () => {
  it("runs mutations and queries with args as an object, with or without format", async () => {
    const added = await post("/api/mutation", {
      path: "tasks:add",
      args: { list: "docs", text: "curl" },
      format: "json",
    });
    expect(added).toMatchObject({ status: 200, body: { status: "success" } });
    for (const body of [
      { path: "tasks:list", args: { list: "docs" }, format: "json" },
      { path: "tasks:list", args: { list: "docs" } },
      { path: "tasks:list", args: [{ list: "docs" }] },
    ]) {
      const listed = await post("/api/query", body);
      expect(listed.status).toBe(200);
      expect(listed.body.value).toEqual([expect.objectContaining({ text: "curl", done: false })]);
    }
    const viaFunction = await post("/api/function", {
      path: "tasks:list",
      args: [{ list: "docs" }],
    });
    expect(viaFunction.body.status).toBe("success");
  });

  it("gives the same error answers for both shapes", async () => {
    const asObject = await post("/api/mutation", { path: "tasks:add", args: { list: 1 } });
    const asArray = await post("/api/mutation", { path: "tasks:add", args: [{ list: 1 }] });
    expect(asObject.status).toBe(560);
    expect(asObject.body).toEqual(asArray.body);
    expect(asObject.body.errorMessage).toMatch(/ArgumentValidationError/);
    for (const args of [null, "x", 1, [], [{}, {}], [[]]]) {
      const refused = await post("/api/query", { path: "tasks:list", args });
      expect(refused.status, JSON.stringify(args)).toBe(400);
      expect(refused.body.code).toBe("BadJsonBody");
    }
    const badFormat = await post("/api/query", { path: "tasks:list", args: {}, format: "xml" });
    expect(badFormat.status).toBe(400);
  });
});
