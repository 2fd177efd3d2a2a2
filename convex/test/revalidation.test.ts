// A write to a public list schedules `revalidation.notify`, which POSTs the list to every app's /api/revalidate with
// the shared secret from the deployment env; private writes and an unset secret send nothing, and an app that is
// down fails only its own call. The apps here are real HTTP servers on 127.0.0.1 that record what they receive.
import type { IncomingHttpHeaders } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";

import { api, internal } from "../convex/_generated/api";
import { endpoints } from "../convex/revalidation";
import { REVALIDATE_PATH } from "../shared/revalidation";
import { alice, newBackend } from "./setup";

interface Received {
  path: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

const received: Received[] = [];
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    received.push({ path: req.url, headers: req.headers, body });
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
});
let origin = "";
const SECRET = "s".repeat(40);

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
// Real timers: the calls are real HTTP requests, whose connect and abort timers fake timers would fire at once.
// The scheduled functions run after `runAfter(0)` on the real clock; `settle` waits for them.
const settle = (t: { finishAllScheduledFunctions: (advance: () => void) => Promise<void> }) =>
  t.finishAllScheduledFunctions(() => undefined);
beforeEach(() => {
  received.length = 0;
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("revalidation", () => {
  test("creating, toggling and removing a public task each tell every app, with the secret", async () => {
    vi.stubEnv("REVALIDATE_SECRET", SECRET);
    vi.stubEnv("REVALIDATE_URLS", `${origin}, ${origin}/other-app-ignored-path`);
    const t = newBackend();
    const id = await t.mutation(api.tasks.create, { text: "a", list: "l" });
    await t.mutation(api.tasks.toggle, { id });
    await t.mutation(api.tasks.remove, { id });
    await settle(t);
    // The two entries share an origin: one endpoint, so one call per write.
    expect(received).toHaveLength(3);
    for (const call of received) {
      expect(call.path).toBe(REVALIDATE_PATH);
      expect(call.headers.authorization).toBe(`Bearer ${SECRET}`);
      expect(call.headers["content-type"]).toBe("application/json");
      expect(JSON.parse(call.body)).toEqual({ list: "l" });
    }
  });

  test("a private task changes no cached page, so nothing is sent", async () => {
    vi.stubEnv("REVALIDATE_SECRET", SECRET);
    vi.stubEnv("REVALIDATE_URLS", origin);
    const t = newBackend().withIdentity(alice);
    await t.mutation(api.users.store, {});
    await t.mutation(api.tasks.create, { text: "mine" });
    await settle(t);
    expect(received).toHaveLength(0);
  });

  test("without a secret in the deployment env nothing is sent", async () => {
    vi.stubEnv("REVALIDATE_URLS", origin);
    const t = newBackend();
    await t.mutation(api.tasks.create, { text: "a", list: "l" });
    await settle(t);
    expect(received).toHaveLength(0);
  });

  test("an app that is down fails its own call only, and the action reports each answer", async () => {
    vi.stubEnv("REVALIDATE_SECRET", SECRET);
    // Port 9 (discard) on loopback: nothing listens there.
    vi.stubEnv("REVALIDATE_URLS", `http://127.0.0.1:9,${origin}`);
    const results = await newBackend().action(internal.revalidation.notify, { list: "l" });
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({ url: `http://127.0.0.1:9${REVALIDATE_PATH}`, status: null });
    expect(results[1]).toEqual({ url: `${origin}${REVALIDATE_PATH}`, status: 200 });
    expect(received).toHaveLength(1);
  });

  test("REVALIDATE_URLS: blanks and malformed entries are skipped, origins deduplicated", () => {
    expect(endpoints(undefined)).toEqual([]);
    expect(endpoints(" , not a url, http://a.test, http://a.test/x ,https://b.test")).toEqual([
      `http://a.test${REVALIDATE_PATH}`,
      `https://b.test${REVALIDATE_PATH}`,
    ]);
  });
});
