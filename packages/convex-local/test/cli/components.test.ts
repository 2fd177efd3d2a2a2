// The pinned CLI against an app mounting published components (test/fixtures/components-app): `run
// --component` calls a component's function (internal ones too), `data --component` lists a component's tables
// and documents, and a migration of @convex-dev/migrations started with `npx convex run` runs to completion.
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { CliBackend } from "./harness";
import { startCliBackend } from "./harness";

// Each test starts the CLI several times (a Node process each): on a loaded 2-core machine that takes a while.
vi.setConfig({ testTimeout: 120_000 });

let cli: CliBackend;
beforeAll(async () => {
  cli = await startCliBackend({ fixture: "components-app" });
}, 60_000);
afterAll(async () => {
  await cli.stop();
});

const send = makeFunctionReference<"mutation", { user: string }, string>("limits:send");
const addNote = makeFunctionReference<"mutation", { note: string }>("limits:addNote");

describe("npx convex data --component", () => {
  it("lists a component's own tables and documents, apart from the app's table of the same name", async () => {
    const client = new ConvexHttpClient(cli.backend.url);
    await client.mutation(send, { user: "cli-user" });
    await client.mutation(addNote, { note: "the app's row" });

    const tables = await cli.run(["data", "--component", "rateLimiter"]);
    expect(tables.code, tables.stderr).toBe(0);
    expect(tables.stdout.trim().split("\n")).toContain("rateLimits");
    expect(tables.stdout).not.toContain("posts");

    const rows = await cli.run([
      "data",
      "rateLimits",
      "--component",
      "rateLimiter",
      "--format",
      "jsonl",
    ]);
    expect(rows.code, rows.stderr).toBe(0);
    const docs = rows.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(docs).toEqual([expect.objectContaining({ name: "send", key: "cli-user" })]);

    const app = await cli.run(["data", "rateLimits", "--format", "jsonl"]);
    expect(app.code, app.stderr).toBe(0);
    expect(JSON.parse(app.stdout.trim())).toMatchObject({ note: "the app's row" });

    const nested = await cli.run(["data", "--component", "rateLimiter/batchWorker"]);
    expect(nested.code, nested.stderr).toBe(0);
  });

  it("fails naming the path when no such component is mounted", async () => {
    const missing = await cli.run(["data", "--component", "nope"]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/Component path "nope" was not found/);
  });
});

describe("npx convex run --component", () => {
  it("runs a component's query and its mutation, public or internal", async () => {
    const value = await cli.run([
      "run",
      "--component",
      "rateLimiter",
      "lib:getValue",
      JSON.stringify({ name: "other", config: { kind: "fixed window", rate: 5, period: 60_000 } }),
    ]);
    expect(value.code, value.stderr).toBe(0);
    expect(JSON.parse(value.stdout)).toMatchObject({ value: 5 });

    const rateLimit = () =>
      cli.run([
        "run",
        "--component",
        "rateLimiter",
        "lib:rateLimit",
        JSON.stringify({ name: "cli", config: { kind: "fixed window", rate: 1, period: 60_000 } }),
      ]);
    const limited = await rateLimit();
    expect(limited.code, limited.stderr).toBe(0);
    expect(JSON.parse(limited.stdout)).toMatchObject({ ok: true });
    const again = await rateLimit();
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false });
  });

  it("fails naming the path when no such component is mounted, child paths included", async () => {
    for (const path of ["nope", "rateLimiter/nope", "rateLimiter/.."]) {
      const missing = await cli.run([
        "run",
        "--component",
        path,
        "lib:rateLimit",
        JSON.stringify({ name: "cli", config: { kind: "fixed window", rate: 1, period: 60_000 } }),
      ]);
      expect(missing.code, path).not.toBe(0);
      expect(missing.stderr).toContain(`Component path ${JSON.stringify(path)} was not found`);
    }
  });

  it("refuses bad arguments at the component's validator", async () => {
    const bad = await cli.run([
      "run",
      "--component",
      "rateLimiter",
      "lib:rateLimit",
      JSON.stringify({ name: 1 }),
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/ArgumentValidationError/);
  });
});

describe("@convex-dev/migrations from npx convex run", () => {
  it("runs a migration over every document to completion, in batches", async () => {
    const client = new ConvexHttpClient(cli.backend.url);
    await client.mutation(makeFunctionReference<"mutation">("migrations:seed"), { count: 23 });
    const withoutViews = makeFunctionReference<"query", Record<string, never>, number>(
      "migrations:withoutViews",
    );
    expect(await client.query(withoutViews, {})).toBe(23);

    const started = await cli.run([
      "run",
      "migrations:run",
      JSON.stringify({ fn: "migrations:addViews" }),
    ]);
    expect(started.code, started.stderr).toBe(0);
    await expect.poll(() => client.query(withoutViews, {}), { timeout: 20_000 }).toBe(0);
    const status = makeFunctionReference<"query", Record<string, never>, { state: string }[]>(
      "migrations:status",
    );
    await expect
      .poll(async () => (await client.query(status, {}))[0]?.state, { timeout: 10_000 })
      .toBe("success");

    // The component's own table records it: `data --component migrations`.
    const rows = await cli.run([
      "data",
      "migrations",
      "--component",
      "migrations",
      "--format",
      "jsonl",
    ]);
    expect(rows.code, rows.stderr).toBe(0);
    expect(JSON.parse(rows.stdout.trim().split("\n")[0] ?? "null")).toMatchObject({
      name: "migrations:addViews",
      isDone: true,
      processed: 23,
    });
  });
});
