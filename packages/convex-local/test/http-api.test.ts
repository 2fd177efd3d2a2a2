// The HTTP API, judged by the real ConvexHttpClient (what convex/nextjs uses) and by raw requests for the wire shapes.
import { makeFunctionReference } from "convex/server";
import { ConvexError } from "convex/values";
import { describe, expect, it } from "vitest";

import { httpClient, useBackend } from "./support";

const list = makeFunctionReference<"query">("tasks:list");
const mine = makeFunctionReference<"query">("tasks:mine");
const create = makeFunctionReference<"mutation">("tasks:create");
const toggle = makeFunctionReference<"mutation">("tasks:toggle");
const compute = makeFunctionReference<"action">("summaries:compute");
const internalStats = makeFunctionReference<"query">("summaries:stats");

const server = useBackend();

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.backend.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("ConvexHttpClient", () => {
  it("runs mutations, queries and actions", async () => {
    const client = httpClient(server.backend.url);
    const id: unknown = await client.mutation(create, { text: "from http", list: "http" });
    expect(typeof id).toBe("string");
    const tasks = (await client.query(list, { list: "http" })) as { _id: string; text: string }[];
    expect(tasks.map((task) => task.text)).toEqual(["from http"]);
    expect(tasks[0]?._id).toBe(id);
    await expect(client.action(compute, { list: "http" })).resolves.toMatchObject({
      total: 1,
      done: 0,
    });
  });

  it("reads past a document that has a `done: true` field of its own", async () => {
    // Regression: the end of a query stream was once detected by searching its answer for `"done":true`,
    // which freed the stream mid-way at the first completed task ("Bad queryId").
    const client = httpClient(server.backend.url);
    const first: unknown = await client.mutation(create, { text: "one", list: "done-field" });
    await client.mutation(create, { text: "two", list: "done-field" });
    await client.mutation(create, { text: "three", list: "done-field" });
    await client.mutation(toggle, { id: first });
    const tasks = (await client.query(list, { list: "done-field" })) as { text: string }[];
    expect(tasks.map((task) => task.text).sort()).toEqual(["one", "three", "two"]);
  });

  it("throws ConvexError with its data for a rejected mutation, and writes nothing", async () => {
    const client = httpClient(server.backend.url);
    const error: unknown = await client
      .mutation(create, { text: "   ", list: "rejected" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConvexError);
    expect((error as ConvexError<string>).data).toBe("Task text must not be empty.");
    await expect(client.query(list, { list: "rejected" })).resolves.toEqual([]);
  });

  it("rejects arguments that fail the validator with a plain error in Convex's words", async () => {
    const client = httpClient(server.backend.url);
    const error = (await client.mutation(create, { text: 42 }).catch((e: unknown) => e)) as Error;
    expect(error).not.toBeInstanceOf(ConvexError);
    expect(error.message).toBe(
      "ArgumentValidationError: Value does not match validator.\nPath: .text\nValue: 42.0\nValidator: v.string()",
    );
  });

  it("hides internal functions and names missing ones", async () => {
    const client = httpClient(server.backend.url);
    await expect(client.query(internalStats, { list: "x" })).rejects.toThrow(
      /Could not find public function/,
    );
    await expect(client.query(makeFunctionReference<"query">("nope:missing"), {})).rejects.toThrow(
      /Could not find public function for 'nope:missing'/,
    );
  });

  it("gives functions the caller's identity from a verified token", async () => {
    const token = await server.issuer.sign({ sub: "http-user" });
    const client = httpClient(server.backend.url, token);
    await client.mutation(create, { text: "private via http" });
    const tasks = (await client.query(mine, {})) as { text: string }[];
    expect(tasks.map((task) => task.text)).toEqual(["private via http"]);
    await expect(httpClient(server.backend.url).query(mine, {})).resolves.toEqual([]);
  });
});

describe("wire format", () => {
  it("answers success and function errors in Convex's shapes", async () => {
    const ok = await post("/api/query", {
      path: "tasks:list",
      format: "convex_encoded_json",
      args: [{ list: "w" }],
    });
    expect(ok).toEqual({ status: 200, body: { status: "success", value: [], logLines: [] } });
    const failed = await post("/api/mutation", {
      path: "tasks:create",
      args: [{ text: "", list: "w" }],
    });
    expect(failed.status).toBe(560);
    expect(failed.body).toMatchObject({
      status: "error",
      errorData: "Task text must not be empty.",
    });
    expect(failed.body.errorMessage).toMatch(/ConvexError/);
  });

  it("serves /api/function, /api/query_ts and /api/query_at_ts", async () => {
    const viaFunction = await post("/api/function", {
      path: "counter:get",
      args: { counterName: "f" },
    });
    expect(viaFunction.body).toMatchObject({ status: "success", value: 0 });
    const { body } = await post("/api/query_ts", {});
    expect(typeof body.ts).toBe("string");
    const atTs = await post("/api/query_at_ts", {
      path: "counter:get",
      args: [{ counterName: "f" }],
      ts: body.ts,
    });
    expect(atTs.body).toMatchObject({ status: "success", value: 0 });
  });

  it("refuses malformed bodies with 400 and a clear message", async () => {
    expect(await post("/api/query", "{not json")).toEqual({
      status: 400,
      body: { code: "BadJsonBody", message: "Request body is not valid JSON." },
    });
    const noPath = await post("/api/query", { args: [{}] });
    expect(noPath.status).toBe(400);
    expect(noPath.body.message).toMatch(/"path"/);
    const badArgs = await post("/api/query", { path: "tasks:list", args: "x" });
    expect(badArgs.status).toBe(400);
  });

  it("refuses oversize bodies with 413", async () => {
    const huge = "x".repeat(17 * 1024 * 1024);
    const response = await post("/api/mutation", {
      path: "tasks:create",
      args: [{ text: huge, list: "big" }],
    });
    expect(response.status).toBe(413);
  });

  it("rejects bad tokens with 401 before running anything", async () => {
    const forged = await server.issuer.forge({ sub: "mallory" });
    const response = await post(
      "/api/mutation",
      { path: "tasks:create", args: [{ text: "should not exist" }] },
      { authorization: `Bearer ${forged}` },
    );
    expect(response.status).toBe(401);
    expect(response.body.message).toMatch(/verification failed/);
  });

  it("answers CORS preflights for browsers", async () => {
    const response = await fetch(`${server.backend.url}/api/query`, {
      method: "OPTIONS",
      headers: { origin: "http://127.0.0.1:3000", "access-control-request-method": "POST" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:3000");
    expect(response.headers.get("access-control-allow-headers")).toMatch(/authorization/);
  });

  it("serves HTTP actions from convex/http.ts on the site port", async () => {
    await httpClient(server.backend.url).mutation(
      makeFunctionReference<"mutation">("counter:increment"),
      {
        counterName: "site",
        by: 3,
      },
    );
    const response = await fetch(`${server.backend.siteUrl}/counter?name=site`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ name: "site", value: 3 });
  });
});

describe("POST /api/run/<module>/<function>", () => {
  it("runs the function the URL names, whatever its kind, with Convex's documented body", async () => {
    const created = await post("/api/run/tasks/create", {
      args: { text: "by run", list: "run" },
      format: "json",
    });
    expect(created).toMatchObject({ status: 200, body: { status: "success" } });
    const listed = await post("/api/run/tasks/list", { args: { list: "run" }, format: "json" });
    expect(listed.status).toBe(200);
    expect((listed.body.value as { text: string }[]).map((task) => task.text)).toEqual(["by run"]);
  });

  it("hides internal functions and refuses identifiers that name no function", async () => {
    const internal = await post("/api/run/summaries/stats", { args: {} });
    expect(internal.status).toBe(560);
    expect(internal.body.errorMessage).toMatch(
      /Could not find public function for 'summaries:stats'/,
    );
    for (const path of [
      "/api/run/",
      "/api/run/tasks",
      "/api/run/tasks//list",
      "/api/run/tasks/list/",
    ]) {
      const answer = await post(path, { args: {} });
      expect(answer.status, path).toBe(404);
      expect(answer.body.code).toBe("NotFound");
    }
    // A function handle spelled into the URL (`function://…`, decoded) has an empty segment: no function name.
    const handle = await post("/api/run/function:%2F%2F;tasks/list", { args: { list: "run" } });
    expect(handle.status).toBe(404);
    // Nor does a component path in the body reach a component (clients never do).
    const component = await post("/api/run/lib/rateLimit", {
      args: {},
      componentPath: "rateLimiter",
    });
    expect(component.status).toBe(560);
    expect(component.body.errorMessage).toMatch(
      /Could not find public function for 'lib:rateLimit'/,
    );
  });
});
