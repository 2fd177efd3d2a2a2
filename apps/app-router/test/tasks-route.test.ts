// POST /api/tasks (a Route Handler writing as the signed-in user) against a real local Convex backend: bad input is
// a 4xx with a JSON error and writes nothing; the user's task is theirs; over their rate limit, 429 with
// Retry-After and "try again in N s", nothing written. The same table as the Pages Router's API route.
import type { TestBackend } from "@repo/convex-local/testing";
import { startBackend } from "@repo/convex-local/testing";
import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import { TASK_CREATION_LIMITS } from "@repo/convex/rate-limit";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { TASK_HTTP_CASES } from "../../../convex/test/task-http-cases";

const backend = vi.hoisted(() => ({ url: "" }));
vi.mock("../env", () => ({
  env: {
    get convexUrl() {
      return backend.url;
    },
  },
}));
// Outside a Next request there is no session: the token the route writes with is the test's to set.
const session = vi.hoisted(() => ({ token: undefined as string | undefined }));
vi.mock("@repo/auth/app-server", () => ({ getConvexToken: () => Promise.resolve(session.token) }));

const { GET, OPTIONS, POST } = await import("../app/api/tasks/route");

let local: TestBackend;
beforeAll(async () => {
  local = await startBackend();
  backend.url = local.url;
});
afterAll(() => local.stop());

const post = (body: string, contentType = "application/json") =>
  POST(
    new Request("http://localhost/api/tasks", {
      method: "POST",
      body,
      headers: { "content-type": contentType },
    }),
  );
const listed = async () =>
  (await local.http().query(api.tasks.list, { list: DEFAULT_LIST })).map((task) => task.text);

describe("POST /api/tasks", () => {
  it("adds the trimmed text to the public list: 201 with the task", async () => {
    const text = `route ${crypto.randomUUID().slice(0, 8)}`;
    const response = await post(JSON.stringify({ text: ` ${text} ` }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: expect.any(String) as string, text });
    expect(await listed()).toContain(text);
  });

  it.each(TASK_HTTP_CASES)(
    "answers $name with $status and writes nothing",
    async ({ body, contentType, status, error }) => {
      const before = await listed();
      const response = await post(body, contentType);
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({ error });
      expect(await listed()).toEqual(before);
    },
  );

  it("writes as the signed-in user; over their limit 429 with Retry-After, nothing written", async () => {
    const sub = `user_${crypto.randomUUID().slice(0, 8)}`;
    session.token = await local.issuer.sign({ sub });
    try {
      for (let index = 0; index < TASK_CREATION_LIMITS.createTask.capacity; index++)
        expect((await post(JSON.stringify({ text: `limited ${index}` }))).status).toBe(201);
      const text = `over the limit ${crypto.randomUUID().slice(0, 8)}`;
      const refused = await post(JSON.stringify({ text }));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(await refused.json()).toEqual({
        error: expect.stringMatching(/^Too many new tasks: try again in \d+ s\.$/) as string,
      });
      expect(await listed()).not.toContain(text);
      // Another user's bucket is their own.
      session.token = await local.issuer.sign({ sub: `${sub}-other` });
      expect((await post(JSON.stringify({ text: `${text} other` }))).status).toBe(201);
    } finally {
      session.token = undefined;
    }
  });
});

describe("other methods", () => {
  it.each([
    ["GET", GET],
    ["a CORS preflight (OPTIONS)", OPTIONS],
  ])("%s: a JSON 405 with Allow: POST", async (_case, handler) => {
    const response = handler();
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(await response.json()).toEqual({ error: "Use POST." });
  });
});
