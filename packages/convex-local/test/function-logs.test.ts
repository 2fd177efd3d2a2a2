// GET /api/stream_function_logs (what `npx convex logs` polls): entries with function names, levels and errors,
// long-polled, bounded. The real CLI against it is in test/cli/.
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { FunctionExecution } from "../src/function-log";
import { FunctionLog } from "../src/function-log";
import type { ConvexLocal } from "../src/index";
import { httpClient, startFixtureBackend } from "./support";

const chatty = makeFunctionReference<"mutation">("logs:chatty");
const fails = makeFunctionReference<"query">("logs:fails");
const act = makeFunctionReference<"action">("logs:act");

let backend: ConvexLocal;
beforeAll(async () => {
  backend = await startFixtureBackend();
});
afterAll(async () => {
  await backend.stop();
});

interface Page {
  entries: FunctionExecution[];
  newCursor: number;
}

async function poll(cursor: string | number): Promise<{ status: number; body: Page }> {
  const response = await fetch(`${backend.url}/api/stream_function_logs?cursor=${cursor}`, {
    headers: { "convex-client": "npm-cli-1.48.0", authorization: `Convex ${backend.adminKey}` },
  });
  return { status: response.status, body: (await response.json()) as Page };
}

describe("/api/stream_function_logs", () => {
  it("answers every run with its function name, kind, levels and error", async () => {
    const start = (await poll(0)).body.newCursor;
    const client = httpClient(backend.url);
    await client.mutation(chatty, { note: "n1" });
    await expect(client.query(fails, {})).rejects.toThrow("fails on purpose");
    await client.action(act, {});
    const { status, body } = await poll(start);
    expect(status).toBe(200);
    const mine = body.entries.filter((entry) => entry.identifier.startsWith("logs:"));
    expect(mine.map((entry) => [entry.kind, entry.udfType, entry.identifier])).toEqual([
      ["Completion", "Mutation", "logs:chatty"],
      ["Completion", "Query", "logs:fails"],
      ["Completion", "Action", "logs:act"],
    ]);
    const [mutationRun, queryRun] = mine;
    expect(mutationRun?.logLines.map((line) => [line.level, line.messages.join(" ")])).toEqual([
      ["LOG", "'log line' 'n1'"],
      ["INFO", "'info line' { note: 'n1' }"],
      ["WARN", "'warn line'"],
      ["ERROR", "'error line'"],
      ["DEBUG", "'debug line'"],
    ]);
    expect(mutationRun?.error).toBeNull();
    expect(queryRun?.error).toContain("this query fails on purpose");
    expect(queryRun?.logLines.map((line) => line.messages)).toEqual([["'about to fail'"]]);
    expect(body.newCursor).toBeGreaterThan(start);
    // Nothing is sent twice: the next page starts after the cursor.
    const before = Date.now();
    const next = poll(body.newCursor);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await client.mutation(chatty, { note: "n2" });
    const later = await next;
    expect(Date.now() - before).toBeGreaterThanOrEqual(200);
    expect(later.body.entries.map((entry) => entry.identifier)).toEqual(["logs:chatty"]);
  });

  it("is the admin's alone: 401 without the admin key", async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Convex nope" },
      { authorization: "Bearer x" },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${backend.url}/api/stream_function_logs?cursor=0`, { headers });
      expect(response.status).toBe(401);
    }
  });

  it("refuses a cursor that is not a non-negative number with 400", async () => {
    for (const cursor of ["abc", "-1", "", "NaN", "Infinity"]) {
      const response = await fetch(`${backend.url}/api/stream_function_logs?cursor=${cursor}`, {
        headers: { authorization: `Convex ${backend.adminKey}` },
      });
      expect(response.status, cursor).toBe(400);
      expect(((await response.json()) as { code: string }).code).toBe("InvalidCursor");
    }
  });
});

describe("FunctionLog bounds", () => {
  const limits = {
    entries: 5,
    entriesPerResponse: 3,
    linesPerEntry: 2,
    charsPerLine: 4,
    waiters: 1,
  };
  const line = (text: string) => ({
    messages: [text],
    level: "LOG" as const,
    timestamp: 0,
    isTruncated: false,
  });
  const run = (identifier: string) => ({
    udfType: "Query" as const,
    identifier,
    logLines: [line("abcdef"), line("x"), line("dropped")],
    startedMs: Date.now(),
    error: null,
  });

  it("keeps the newest entries, pages, lines and characters within their limits", () => {
    const log = new FunctionLog(limits);
    for (let index = 0; index < 8; index++) log.record(run(`f${index}`));
    const page = log.after(0);
    expect(page.entries.map((entry) => entry.identifier)).toEqual(["f5", "f6", "f7"]);
    expect(page.entries[0]?.logLines).toEqual([{ ...line("abcd"), isTruncated: true }, line("x")]);
    expect(log.after(page.newCursor).entries).toEqual([]);
  });

  it("lets one poll wait at a time, wakes it on a new entry, and ends waits on close", async () => {
    const log = new FunctionLog(limits);
    const signal = new AbortController().signal;
    const waiting = log.poll(0, 5_000, signal);
    await expect(log.poll(0, 5_000, signal)).resolves.toBeNull();
    log.record(run("woke"));
    expect((await waiting)?.entries.map((entry) => entry.identifier)).toEqual(["woke"]);
    const cursor = log.after(0).newCursor;
    const closed = log.poll(cursor, 5_000, signal);
    log.close();
    await expect(closed).resolves.toEqual({ entries: [], newCursor: cursor });
  });
});
