// The Route Handler's contract: 400 with a JSON error for bad input (never 500), and no write on rejection.
import { ConvexError } from "convex/values";
import { beforeEach, describe, expect, it, vi } from "vitest";

const fetchMutation = vi.fn();
const fetchQuery = vi.fn();
vi.mock("convex/nextjs", () => ({ fetchMutation, fetchQuery }));
vi.mock("../env", () => ({ env: { convexUrl: "http://127.0.0.1:1" } }));

const { GET, POST } = await import("../app/api/clicks/route");

const post = (body: string) =>
  POST(
    new Request("http://localhost/api/clicks", {
      method: "POST",
      body,
      headers: { "content-type": "application/json" },
    }),
  );

beforeEach(() => {
  fetchMutation.mockReset();
  fetchQuery.mockReset();
});

describe("POST /api/clicks", () => {
  it("increments through Convex and returns the new value", async () => {
    fetchMutation.mockResolvedValue(4);
    const response = await post(JSON.stringify({ counterName: "clicks", by: 2 }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ counterName: "clicks", value: 4 });
    expect(fetchMutation).toHaveBeenCalledWith(
      expect.anything(),
      { counterName: "clicks", by: 2 },
      expect.anything(),
    );
  });

  it.each([
    ["malformed JSON", "{nope", "Request body must be valid JSON."],
    ["a JSON array", "[]", "Request body must be a JSON object."],
    ["a missing name", "{}", "counterName must be a non-empty string."],
    [
      "a non-integer step",
      JSON.stringify({ counterName: "c", by: 1.5 }),
      "by must be a whole number from 1 to 100.",
    ],
    [
      "a step too large",
      JSON.stringify({ counterName: "c", by: 101 }),
      "by must be a whole number from 1 to 100.",
    ],
    [
      "an unknown field",
      JSON.stringify({ counterName: "c", extra: true }),
      "Unknown field: extra.",
    ],
    [
      "an oversize name",
      JSON.stringify({ counterName: "x".repeat(65) }),
      "counterName must be at most 64 characters.",
    ],
  ])("answers 400 for %s and writes nothing", async (_case, body, error) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error });
    expect(fetchMutation).not.toHaveBeenCalled();
  });

  it("turns a ConvexError from the backend into a 400", async () => {
    fetchMutation.mockRejectedValue(new ConvexError("Counter name must not be empty."));
    const response = await post(JSON.stringify({ counterName: " x" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "Counter name must not be empty." });
  });
});

describe("GET /api/clicks", () => {
  it("reads the counter", async () => {
    fetchQuery.mockResolvedValue(7);
    const response = await GET(new Request("http://localhost/api/clicks?counterName=clicks"));
    expect(await response.json()).toEqual({ counterName: "clicks", value: 7 });
  });
});
