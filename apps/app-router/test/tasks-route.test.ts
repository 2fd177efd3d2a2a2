// POST /api/tasks (a Route Handler writing as the signed-in user) against a real local Convex backend: bad input is
// a 4xx with a JSON error and writes nothing; the user's task is theirs; over their rate limit, 429 with
// Retry-After and "try again in N s", nothing written. The same table as the Pages Router's API route.
import type { TestBackend } from "@repo/convex-local/testing";
import { startBackend } from "@repo/convex-local/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { taskRouteSuite } from "../../../convex/test/task-route-suite";

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

taskRouteSuite({
  post: (body, contentType) =>
    POST(
      new Request("http://localhost/api/tasks", {
        method: "POST",
        body,
        headers: { "content-type": contentType },
      }),
    ),
  backend: () => local,
  session,
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
