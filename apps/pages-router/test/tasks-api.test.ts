// POST /api/tasks (an API route writing as the signed-in user) over real HTTP through Next's API-route resolver and a
// real local Convex backend: the same table as the App Router's Route Handler (4xx with a JSON error, nothing
// written), the user's task theirs, and over their rate limit 429 with Retry-After, nothing written.
import type { TestBackend } from "@repo/convex-local/testing";
import { startBackend } from "@repo/convex-local/testing";
import { api } from "@repo/convex/api";
import { DEFAULT_LIST } from "@repo/convex/limits";
import { TASK_CREATION_LIMITS } from "@repo/convex/rate-limit";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { TASK_HTTP_CASES } from "../../../convex/test/task-http-cases";
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
// No auth middleware runs here: the token the route writes with is the test's to set.
const session = vi.hoisted(() => ({ token: undefined as string | undefined }));
vi.mock("@repo/auth/pages-server", () => ({
  getConvexToken: () => Promise.resolve(session.token),
}));

const route = await import("../pages/api/tasks");

let local: TestBackend;
let served: ServedRoute;
beforeAll(async () => {
  local = await startBackend();
  backend.url = local.url;
  served = await serveApiRoute(route, "/api/tasks");
});
afterAll(async () => {
  await served.close();
  await local.stop();
});

const post = (body: string, contentType = "application/json") =>
  fetch(served.url, { method: "POST", body, headers: { "content-type": contentType } });
const listed = async () =>
  (await local.http().query(api.tasks.list, { list: DEFAULT_LIST })).map((task) => task.text);

describe("POST /api/tasks", () => {
  it("adds the trimmed text to the public list: 201 with the task", async () => {
    const text = `api ${crypto.randomUUID().slice(0, 8)}`;
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
      session.token = await local.issuer.sign({ sub: `${sub}-other` });
      expect((await post(JSON.stringify({ text: `${text} other` }))).status).toBe(201);
    } finally {
      session.token = undefined;
    }
  });
});

describe("other methods", () => {
  it.each(["GET", "OPTIONS", "PUT", "DELETE"])(
    "%s: a JSON 405 with Allow: POST",
    async (method) => {
      const response = await fetch(served.url, { method });
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
      expect(await response.json()).toEqual({ error: "Use POST." });
    },
  );
});
