// POST /api/tasks (an API route writing as the signed-in user) over real HTTP through Next's API-route resolver and a
// real local Convex backend: the same table as the App Router's Route Handler (4xx with a JSON error, nothing
// written), the user's task theirs, and over their rate limit 429 with Retry-After, nothing written.
import type { TestBackend } from "@repo/convex-local/testing";
import { startBackend } from "@repo/convex-local/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { taskRouteSuite } from "../../../convex/test/task-route-suite";
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

taskRouteSuite({
  post: (body, contentType) =>
    fetch(served.url, { method: "POST", body, headers: { "content-type": contentType } }),
  backend: () => local,
  session,
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
