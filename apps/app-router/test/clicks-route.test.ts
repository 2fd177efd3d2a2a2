// The Route Handler's contract against a real local Convex backend: 415 unless JSON, 413 over the size limit, 400
// with a JSON error for bad JSON or fields (never a 500), and the counter unchanged after every refusal.
import type { TestBackend } from "@repo/convex-local/testing";
import { startBackend } from "@repo/convex-local/testing";
import { api } from "@repo/convex/api";
import { CLICKS_BODY_MAX_BYTES } from "@repo/convex/clicks-request";
import type { ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { CLICKS_HTTP_CASES } from "../../../convex/test/clicks-http-cases";

const backend = vi.hoisted(() => ({ url: "" }));
vi.mock("../env", () => ({
  env: {
    get convexUrl() {
      return backend.url;
    },
  },
}));

const route = await import("../app/api/clicks/route");
const { DELETE, GET, POST } = route;

let local: TestBackend;
let convex: ConvexHttpClient;
beforeAll(async () => {
  local = await startBackend();
  backend.url = local.url;
  convex = local.http();
});
afterAll(() => local.stop());

const counterName = () => `route-${crypto.randomUUID().slice(0, 8)}`;
const count = (name: string) => convex.query(api.counter.get, { counterName: name });

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  POST(
    new Request("http://localhost/api/clicks", {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
      // Node's fetch needs this for a streamed body.
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    }),
  );

describe("POST /api/clicks", () => {
  it("increments through Convex and returns the new value", async () => {
    const name = counterName();
    const response = await post(JSON.stringify({ counterName: name, by: 2 }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ counterName: name, value: 2 });
    expect(await count(name)).toBe(2);
  });

  it.each([
    ["text/plain (a cross-site form or fetch can send it)", "text/plain;charset=UTF-8"],
    ["form-urlencoded", "application/x-www-form-urlencoded"],
    ["multipart", "multipart/form-data; boundary=x"],
  ])("answers 415 for %s and writes nothing", async (_case, contentType) => {
    const name = counterName();
    const response = await post(JSON.stringify({ counterName: name }), {
      "content-type": contentType,
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({ error: "Content-Type must be application/json." });
    expect(await count(name)).toBe(0);
  });

  const tooLarge = { error: `Request body must be at most ${CLICKS_BODY_MAX_BYTES} bytes.` };

  it("answers 413 for a 60 MB body and writes nothing", async () => {
    const name = counterName();
    const big = JSON.stringify({ counterName: name, pad: "x".repeat(60 * 1024 * 1024) });
    const response = await post(big, { "content-length": String(big.length) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual(tooLarge);
    expect(await count(name)).toBe(0);
  });

  it("answers 413 for an oversize body sent without a length, reading only the first KiB", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new TextEncoder().encode(" ".repeat(512)));
      },
    });
    const response = await post(endless);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual(tooLarge);
    expect(pulled).toBeLessThan(10);
  });

  it.each([
    ["malformed JSON", "{nope", "Request body must be valid JSON."],
    ["an empty body", "", "Request body must be valid JSON."],
    ["a JSON array", "[]", "Request body must be a JSON object."],
    ["a missing name", "{}", "counterName must be a non-empty string."],
    [
      "a non-integer step",
      JSON.stringify({ counterName: "c", by: 1.5 }),
      "by must be a whole number from 1 to 100.",
    ],
    [
      "an unknown field",
      JSON.stringify({ counterName: "c", extra: true }),
      "Unknown field: extra.",
    ],
  ])("answers 400 for %s and writes nothing", async (_case, body, error) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error });
    expect(await count("c")).toBe(0);
  });
});

describe("other methods", () => {
  it("GET reads the counter", async () => {
    const name = counterName();
    await convex.mutation(api.counter.increment, { counterName: name, by: 7 });
    const response = await GET(new Request(`http://localhost/api/clicks?counterName=${name}`));
    expect(await response.json()).toEqual({ counterName: name, value: 7 });
  });

  it("GET answers the backend's ConvexError as a 400", async () => {
    const response = await GET(new Request(`http://localhost/api/clicks?counterName=%20`));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "Counter name must not be empty." });
  });

  it("DELETE gets the same 405 JSON as the Pages Router's API route", async () => {
    const response = DELETE();
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
    expect(await response.json()).toEqual({ error: "Use GET or POST." });
  });
});

describe("the contract's method, preflight and query table (the same rows as the Pages Router's)", () => {
  it.each(CLICKS_HTTP_CASES)(
    "$name: $status",
    async ({ method, query, headers, status, allow, json }) => {
      // Every method the table names is exported, so Next serves it from here rather than with its own default.
      const handler = route[method];
      const response = await handler(
        new Request(`http://localhost/api/clicks${query}`, { method, headers }),
      );
      expect(response.status).toBe(status);
      expect(response.headers.get("allow")).toBe(allow);
      // Next drops a HEAD answer's body on the wire.
      if (json !== null) expect(await response.json()).toEqual(json);
    },
  );
});
