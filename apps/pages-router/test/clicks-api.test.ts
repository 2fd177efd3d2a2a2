// The API route's contract over real HTTP, through Next's own API-route resolver (body parsing, res.status/json) and
// a real local Convex backend: the same statuses and JSON errors as the App Router's Route Handler (415 unless JSON,
// 413 over the size limit, 400 for bad JSON or fields, 405 for other methods), and the counter unchanged after every
// refusal.
import type { TestBackend } from "@repo/convex-local/testing";
import { startBackend } from "@repo/convex-local/testing";
import { api } from "@repo/convex/api";
import { CLICKS_BODY_MAX_BYTES } from "@repo/convex/clicks-request";
import type { ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { CLICKS_HTTP_CASES } from "../../../convex/test/clicks-http-cases";
import type { ServedRoute } from "./serve-api-route";
import { serveApiRoute } from "./serve-api-route";

const backend = vi.hoisted(() => ({ url: "" }));
vi.mock("../env", () => ({
  env: {
    get convexUrl() {
      return backend.url;
    },
  },
}));

const route = await import("../pages/api/clicks");

let local: TestBackend;
let convex: ConvexHttpClient;
let served: ServedRoute;
let endpoint: string;
beforeAll(async () => {
  local = await startBackend();
  backend.url = local.url;
  convex = local.http();
  served = await serveApiRoute(route, "/api/clicks");
  endpoint = served.url;
});
afterAll(async () => {
  await served.close();
  await local.stop();
});

const counterName = () => `api-${crypto.randomUUID().slice(0, 8)}`;
const count = (name: string) => convex.query(api.counter.get, { counterName: name });

async function post(body: string, contentType: string | null = "application/json") {
  const response = await fetch(endpoint, {
    method: "POST",
    body,
    headers: contentType === null ? {} : { "content-type": contentType },
  });
  return { status: response.status, json: (await response.json()) as unknown };
}

describe("POST /api/clicks", () => {
  it("increments through Convex", async () => {
    const name = counterName();
    expect(await post(JSON.stringify({ counterName: name, by: 3 }))).toEqual({
      status: 200,
      json: { counterName: name, value: 3 },
    });
    expect(await count(name)).toBe(3);
  });

  it.each([
    ["text/plain (a cross-site form or fetch can send it)", "text/plain"],
    ["form-urlencoded (Next's body parser used to accept it)", "application/x-www-form-urlencoded"],
    ["multipart", "multipart/form-data; boundary=x"],
  ])("answers 415 for %s and writes nothing", async (_case, contentType) => {
    const name = counterName();
    const body =
      contentType === "application/x-www-form-urlencoded"
        ? `counterName=${name}`
        : JSON.stringify({ counterName: name });
    expect(await post(body, contentType)).toEqual({
      status: 415,
      json: { error: "Content-Type must be application/json." },
    });
    expect(await count(name)).toBe(0);
  });

  it("answers 413 with JSON for a 60 MB body (not Next's plain-text error) and writes nothing", async () => {
    const name = counterName();
    const big = JSON.stringify({ counterName: name, pad: "x".repeat(60 * 1024 * 1024) });
    expect(await post(big)).toEqual({
      status: 413,
      json: { error: `Request body must be at most ${CLICKS_BODY_MAX_BYTES} bytes.` },
    });
    expect(await count(name)).toBe(0);
  });

  it.each([
    [
      "malformed JSON (Next's parser answered it in plain text)",
      "{nope",
      "Request body must be valid JSON.",
    ],
    ["a JSON string", '"counterName"', "Request body must be a JSON object."],
    ["a missing name", "{}", "counterName must be a non-empty string."],
    [
      "a negative step",
      JSON.stringify({ counterName: "c", by: -1 }),
      "by must be a whole number from 1 to 100.",
    ],
    ["an unknown field", JSON.stringify({ counterName: "c", drop: 1 }), "Unknown field: drop."],
  ])("answers 400 for %s and writes nothing", async (_case, body, error) => {
    expect(await post(body)).toEqual({ status: 400, json: { error } });
    expect(await count("c")).toBe(0);
  });
});

describe("other methods", () => {
  it("GET reads the counter", async () => {
    const name = counterName();
    await convex.mutation(api.counter.increment, { counterName: name, by: 9 });
    const response = await fetch(`${endpoint}?counterName=${name}`);
    expect(await response.json()).toEqual({ counterName: name, value: 9 });
  });

  it("GET answers the backend's ConvexError as a 400", async () => {
    const response = await fetch(`${endpoint}?counterName=%20`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "Counter name must not be empty." });
  });

  it("answers 405 with Allow for other methods", async () => {
    const response = await fetch(endpoint, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
    expect(await response.json()).toEqual({ error: "Use GET or POST." });
  });
});

describe("the contract's method, preflight and query table (the same rows as the App Router's)", () => {
  it.each(CLICKS_HTTP_CASES)(
    "$name: $status",
    async ({ method, query, headers, status, allow, json }) => {
      const response = await fetch(`${endpoint}${query}`, { method, headers });
      expect(response.status).toBe(status);
      expect(response.headers.get("allow")).toBe(allow);
      if (json === null) expect(await response.text()).toBe("");
      else expect(await response.json()).toEqual(json);
    },
  );
});
