// The API route's contract: 400 with a JSON error for bad input (never 500), 405 for other methods, no write on rejection.
import { ConvexError } from "convex/values";
import type { NextApiRequest, NextApiResponse } from "next";
import { beforeEach, describe, expect, it, vi } from "vitest";

const fetchMutation = vi.fn();
const fetchQuery = vi.fn();
vi.mock("convex/nextjs", () => ({ fetchMutation, fetchQuery }));
vi.mock("../env", () => ({ env: { convexUrl: "http://127.0.0.1:1" } }));

const { default: handler } = await import("../pages/api/clicks");

async function call(method: string, body?: unknown, query: Record<string, string> = {}) {
  const result = { status: 0, json: undefined as unknown, headers: {} as Record<string, string> };
  const res = {
    status(code: number) {
      result.status = code;
      return this;
    },
    json(value: unknown) {
      result.json = value;
      return this;
    },
    setHeader(name: string, value: string) {
      result.headers[name] = value;
      return this;
    },
  };
  await handler(
    { method, body, query } as unknown as NextApiRequest,
    res as unknown as NextApiResponse,
  );
  return result;
}

beforeEach(() => {
  fetchMutation.mockReset();
  fetchQuery.mockReset();
});

describe("pages/api/clicks", () => {
  it("increments through Convex", async () => {
    fetchMutation.mockResolvedValue(3);
    expect(await call("POST", { counterName: "clicks" })).toMatchObject({
      status: 200,
      json: { counterName: "clicks", value: 3 },
    });
  });

  it.each([
    ["a string body", "not json", "Request body must be a JSON object."],
    ["a missing name", {}, "counterName must be a non-empty string."],
    ["a negative step", { counterName: "c", by: -1 }, "by must be a whole number from 1 to 100."],
    ["an unknown field", { counterName: "c", drop: 1 }, "Unknown field: drop."],
  ])("answers 400 for %s and writes nothing", async (_case, body, error) => {
    expect(await call("POST", body)).toMatchObject({ status: 400, json: { error } });
    expect(fetchMutation).not.toHaveBeenCalled();
  });

  it("turns a ConvexError into a 400", async () => {
    fetchMutation.mockRejectedValue(new ConvexError("Counter name must not be empty."));
    expect(await call("POST", { counterName: " " + "x" })).toMatchObject({
      status: 400,
      json: { error: "Counter name must not be empty." },
    });
  });

  it("answers 405 for other methods", async () => {
    expect(await call("DELETE")).toMatchObject({ status: 405, headers: { Allow: "GET, POST" } });
  });

  it("reads the counter on GET", async () => {
    fetchQuery.mockResolvedValue(9);
    expect(await call("GET", undefined, { counterName: "clicks" })).toMatchObject({
      status: 200,
      json: { counterName: "clicks", value: 9 },
    });
  });
});
