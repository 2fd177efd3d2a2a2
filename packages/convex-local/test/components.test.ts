// Published components, unmodified, mounted by test/fixtures/components-app/convex/convex.config.ts, run on
// convex-local through the real clients: each component has its own tables, is reached through
// `components.<name>.*`, and its errors reach the client as Convex's do.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { ConvexClient } from "convex/browser";
import { ConvexError } from "convex/values";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ConvexLocal } from "../src/index";
import { counters, jobs, limits } from "./components-app";
import { componentsApp, httpClient, startAppBackend } from "./support";

const { send, trySend, remaining, addNote, badCall, notes } = limits;
const { add, count } = counters;

let backend: ConvexLocal;
beforeAll(async () => {
  backend = await startAppBackend(componentsApp);
});
afterAll(async () => {
  await backend.stop();
});

describe("@convex-dev/rate-limiter", () => {
  it("allows the bucket's capacity, then throws the component's ConvexError with its data", async () => {
    const client = httpClient(backend.url);
    const user = `u-${crypto.randomUUID()}`;
    for (let index = 0; index < 3; index++)
      expect(await client.mutation(send, { user })).toBe("sent");
    const error = await client.mutation(send, { user }).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ConvexError);
    const data = (error as ConvexError<{ kind: string; name: string; retryAfter: number }>).data;
    expect(data).toMatchObject({ kind: "RateLimited", name: "send" });
    // A token every 20 s (3 a minute).
    expect(data.retryAfter).toBeGreaterThan(0);
    expect(data.retryAfter).toBeLessThanOrEqual(20_000);
    // Another user has a bucket of their own.
    expect(await client.mutation(send, { user: `${user}-other` })).toBe("sent");
  });

  it("answers without throwing, and reads the bucket from an app query", async () => {
    const client = httpClient(backend.url);
    const user = `u-${crypto.randomUUID()}`;
    expect(await client.query(remaining, { user })).toBe(3);
    expect(await client.mutation(trySend, { user })).toMatchObject({ ok: true });
    expect(await client.query(remaining, { user })).toBeCloseTo(2, 0);
    await client.mutation(trySend, { user });
    await client.mutation(trySend, { user });
    const refused = await client.mutation(trySend, { user });
    expect(refused.ok).toBe(false);
    expect(refused.retryAfter).toBeGreaterThan(0);
  });

  it("keeps its tables apart from the app's table of the same name", async () => {
    const client = httpClient(backend.url);
    await client.mutation(addNote, { note: "app row" });
    await client.mutation(send, { user: `u-${crypto.randomUUID()}` });
    expect(await client.query(notes, {})).toEqual(["app row"]);
  });

  it("validates the arguments an app function passes into it, and the failed call writes nothing", async () => {
    const client = httpClient(backend.url);
    const before = (await client.query(notes, {})).length;
    const error = await client.mutation(badCall, {}).then(
      () => null,
      (thrown: unknown) => thrown as Error,
    );
    // Convex's wording (see ./arg-validation.test.ts), not convex-test's.
    expect(error?.message).toMatch(/ArgumentValidationError: Value does not match validator\./);
    expect(error?.message).toMatch(/Path: \.key\nValue: 42\.0\nValidator: v\.string\(\)/);
    expect(await client.query(notes, {})).toHaveLength(before);
  });

  it("re-runs an app query reading the component when the component's table changes", async () => {
    const client = new ConvexClient(backend.url, { unsavedChangesWarning: false });
    const user = `u-${crypto.randomUUID()}`;
    const seen: number[] = [];
    const unsubscribe = client.onUpdate(remaining, { user }, (value) => seen.push(value));
    try {
      await expect.poll(() => seen.at(-1)).toBe(3);
      await httpClient(backend.url).mutation(send, { user });
      await expect.poll(() => seen.at(-1)).toBeLessThan(2.5);
    } finally {
      unsubscribe();
      await client.close();
    }
  });

  it("is not callable from a client directly, only through the app's functions", async () => {
    const response = await fetch(`${backend.url}/api/function`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        path: "lib:rateLimit",
        componentPath: "rateLimiter",
        args: { name: "send", key: "x", config: { kind: "fixed window", rate: 1, period: 1 } },
      }),
    });
    expect(response.status).toBe(560);
    expect(((await response.json()) as { errorMessage: string }).errorMessage).toMatch(
      /Could not find public function for 'lib:rateLimit'/,
    );
  });
});

describe("@convex-dev/sharded-counter", () => {
  it("adds across shards and counts them", async () => {
    const client = httpClient(backend.url);
    const name = `c-${crypto.randomUUID()}`;
    await Promise.all([1, 2, 3, 4, 5].map((n) => client.mutation(add, { name, count: n })));
    expect(await client.query(count, { name })).toBe(15);
  });
});

describe("@convex-dev/workpool", () => {
  const { start, outcome, status } = jobs;

  it("retries a failing action with backoff through the schedulers until it succeeds, then calls onComplete", async () => {
    const client = httpClient(backend.url);
    const job = `j-${crypto.randomUUID()}`;
    const id = await client.mutation(start, { job, failures: 2 });
    await expect
      .poll(async () => (await client.query(outcome, { job })).outcome, { timeout: 15_000 })
      .toMatchObject({ kind: "success", value: `${job} done on attempt 3` });
    expect((await client.query(outcome, { job })).attempts).toBe(3);
    await expect
      .poll(async () => (await client.query(status, { id })).state, { timeout: 5_000 })
      .toBe("finished");
  });

  it("gives up after maxAttempts and reports the failure to onComplete", async () => {
    const client = httpClient(backend.url);
    const job = `j-${crypto.randomUUID()}`;
    await client.mutation(start, { job, failures: 10 });
    await expect
      .poll(async () => (await client.query(outcome, { job })).outcome, { timeout: 20_000 })
      .toMatchObject({ kind: "failed", value: "attempt 4 of " + job + " fails" });
    expect((await client.query(outcome, { job })).attempts).toBe(4);
  });
});

describe("persistence", () => {
  it("keeps each component's documents, and the app's, across a restart on the same data dir", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "convex-local-components-"));
    const start = () => startAppBackend(componentsApp, dataDir);
    try {
      let local = await start();
      let client = httpClient(local.url);
      const user = `u-${crypto.randomUUID()}`;
      for (let index = 0; index < 3; index++) await client.mutation(send, { user });
      await client.mutation(add, { name: "persisted", count: 7 });
      await client.mutation(addNote, { note: "kept" });
      await local.stop();

      local = await start();
      client = httpClient(local.url);
      try {
        await expect(client.mutation(send, { user })).rejects.toBeInstanceOf(ConvexError);
        expect(await client.query(count, { name: "persisted" })).toBe(7);
        expect(await client.query(notes, {})).toEqual(["kept"]);
        // New documents continue the restored ids: nothing is overwritten.
        await client.mutation(add, { name: "persisted", count: 1 });
        expect(await client.query(count, { name: "persisted" })).toBe(8);
      } finally {
        await local.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
