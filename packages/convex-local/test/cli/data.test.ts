// `npx convex data`: the tables, a table's documents (newest first, --limit, --order asc, JSON lines), over the
// admin WebSocket; without the key the system queries do not exist.
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { CliBackend } from "./harness";
import { startCliBackend } from "./harness";

let cli: CliBackend;
beforeAll(async () => {
  cli = await startCliBackend();
});
afterAll(async () => {
  await cli.stop();
});

describe("npx convex data", () => {
  it("says so when a table is empty, and lists the schema's tables", async () => {
    const empty = await cli.run(["data", "tasks"]);
    expect(empty.code).toBe(0);
    expect(empty.stderr).toMatch(/There are no documents in this table/);
    const tables = await cli.run(["data"]);
    expect(tables.code).toBe(0);
    expect(tables.stdout.trim().split("\n")).toEqual(["tasks"]);
  });

  it("shows a table's documents: newest first, limited, ascending, as JSON lines", async () => {
    const client = new ConvexHttpClient(cli.backend.url);
    for (const text of ["one", "two", "three"]) {
      await client.mutation(makeFunctionReference<"mutation">("tasks:add"), { list: "data", text });
    }
    const lines = await cli.run(["data", "tasks", "--format", "jsonl"]);
    expect(lines.code).toBe(0);
    const docs = lines.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { text: string; _id: string; _creationTime: number });
    expect(docs.map((doc) => doc.text)).toEqual(["three", "two", "one"]);
    expect(typeof docs[0]?._id).toBe("string");

    const limited = await cli.run([
      "data",
      "tasks",
      "--limit",
      "2",
      "--order",
      "asc",
      "--format",
      "jsonl",
    ]);
    expect(limited.code).toBe(0);
    expect(
      limited.stdout
        .trim()
        .split("\n")
        .map((line) => (JSON.parse(line) as { text: string }).text),
    ).toEqual(["one", "two"]);

    const table = await cli.run(["data", "tasks"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("three");
    expect(table.stdout).toContain("_creationTime");
  });

  it("pages through a table with cursors", async () => {
    /** An admin call over POST /api/function, as the CLI's ConvexHttpClient makes it. */
    const admin = async (path: string, args: Record<string, unknown>) => {
      const response = await fetch(`${cli.backend.url}/api/function`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Convex ${cli.backend.adminKey}`,
        },
        body: JSON.stringify({ path, args, format: "convex_encoded_json" }),
      });
      const body = (await response.json()) as {
        status: string;
        value: unknown;
        errorMessage?: string;
      };
      if (body.status !== "success") throw new Error(body.errorMessage);
      return body.value;
    };
    const call = (args: Record<string, unknown>) =>
      admin("_system/cli/tableData", args) as Promise<{
        page: { text: string }[];
        isDone: boolean;
        continueCursor: string;
      }>;
    const first = await call({
      table: "tasks",
      order: "asc",
      paginationOpts: { numItems: 2, cursor: null },
    });
    expect(first.page.map((doc) => doc.text)).toEqual(["one", "two"]);
    expect(first.isDone).toBe(false);
    const second = await call({
      table: "tasks",
      order: "asc",
      paginationOpts: { numItems: 2, cursor: first.continueCursor },
    });
    expect(second.page.map((doc) => doc.text)).toEqual(["three"]);
    expect(second.isDone).toBe(true);
    await expect(
      call({ table: "tasks", paginationOpts: { numItems: 0, cursor: null } }),
    ).rejects.toThrow(/numItems/);
    const size = await admin("_system/cli/tableSize:default", { tableName: "tasks" });
    expect(size).toBe(3);
  });

  it("hides system queries from callers without the admin key", async () => {
    const response = await fetch(`${cli.backend.url}/api/query`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        path: "_system/cli/tables",
        args: { paginationOpts: { numItems: 5, cursor: null } },
      }),
    });
    const body = (await response.json()) as { status: string; errorMessage: string };
    expect(body.status).toBe("error");
    expect(body.errorMessage).toMatch(/Could not find/);
  });
});
