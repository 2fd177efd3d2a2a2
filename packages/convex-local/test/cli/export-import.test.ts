// `npx convex export` → reset → `npx convex import` with the pinned CLI: the ZIP is Convex's layout, and every
// document, id, _creationTime, value kind and stored file comes back. Bad imports fail with the server's 4xx
// message and change nothing.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { CliBackend } from "./harness";
import { startCliBackend } from "./harness";

let cli: CliBackend;
beforeAll(async () => {
  cli = await startCliBackend({ fixture: "io-app" });
}, 60_000);
afterAll(async () => {
  await cli.stop();
});

async function post(kind: "query" | "mutation", path: string, args: unknown): Promise<unknown> {
  const response = await fetch(`${cli.backend.url}/api/${kind}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ path, args: [args], format: "convex_encoded_json" }),
  });
  const body = (await response.json()) as { status: string; value: unknown };
  expect(body.status).toBe("success");
  return body.value;
}

async function seed(): Promise<void> {
  for (let rank = 0; rank < 4; rank++)
    await post("mutation", "data:addNote", { body: `n${rank}`, rank: rank + 0.25 });
  await post("mutation", "data:addNote", { body: "whole", rank: 2 });
  for (const [label, value] of [
    ["int64", { $integer: "KgAAAAAAAAA=" }],
    ["bytes", { $bytes: "3q2+7w==" }],
    ["negative zero", { $float: "AAAAAAAAAIA=" }],
    ["infinity", { $float: "AAAAAAAA8H8=" }],
    ["nested", { a: [1.5, "x", null, false, { $integer: "AQAAAAAAAAA=" }], b: { c: "d" } }],
  ] as const)
    await post("mutation", "data:addKind", { value, label });
  const uploadUrl = String(await post("mutation", "data:generateUploadUrl", {}));
  const upload = await fetch(uploadUrl, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: "stored text",
  });
  const { storageId } = (await upload.json()) as { storageId: string };
  await post("mutation", "data:saveFile", { storageId, name: "a.txt" });
}

/** Deletes the data dir (documents, files, admin key) and starts a fresh backend on it. */
async function reset(): Promise<void> {
  await cli.stopBackend();
  rmSync(cli.dataDir, { recursive: true, force: true });
  await cli.restartBackend();
}

describe("npx convex export / import", () => {
  it("round-trips every document, id, _creationTime and stored file through export → reset → import", async () => {
    await seed();
    const before = await post("query", "data:all", {});
    const zipPath = join(cli.appDir, "snapshot.zip");
    const exported = await cli.run(["export", "--include-file-storage", "--path", zipPath]);
    expect(exported.stderr).toContain("Downloaded snapshot export");
    expect(exported.code).toBe(0);
    const names = Object.keys(unzipSync(readFileSync(zipPath))).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        "README.md",
        "_tables/documents.jsonl",
        "notes/documents.jsonl",
        "notes/generated_schema.jsonl",
        "kinds/documents.jsonl",
        "_storage/documents.jsonl",
      ]),
    );

    await reset();
    expect(await post("query", "data:all", {})).toEqual({
      notes: [],
      tags: [],
      kinds: [],
      files: [],
      _storage: [],
    });
    const imported = await cli.run(["import", zipPath, "--yes"]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/Added 17 documents/);
    expect(await post("query", "data:all", {})).toEqual(before);
    const [file] = (before as { _storage: { _id: string }[] })._storage;
    const served = await fetch(`${cli.backend.url}/api/storage/${file?._id ?? ""}`);
    expect(await served.text()).toBe("stored text");
  }, 120_000);

  it("imports one table from JSON Lines and CSV, appending when asked", async () => {
    const lines = join(cli.appDir, "more.jsonl");
    writeFileSync(lines, '{"name":"from jsonl"}\n');
    const csv = join(cli.appDir, "more.csv");
    writeFileSync(csv, "name\nfrom csv\n");
    const before = ((await post("query", "data:all", {})) as { tags: unknown[] }).tags.length;
    expect((await cli.run(["import", "--table", "tags", "--append", lines, "--yes"])).code).toBe(0);
    expect((await cli.run(["import", "--table", "tags", "--append", csv, "--yes"])).code).toBe(0);
    const tags = ((await post("query", "data:all", {})) as { tags: { name: string }[] }).tags;
    expect(tags).toHaveLength(before + 2);
    expect(tags.slice(-2).map((tag) => tag.name)).toEqual(["from jsonl", "from csv"]);
  }, 60_000);

  it("fails a bad import with the server's reason and changes nothing", async () => {
    const before = await post("query", "data:all", {});
    const cases: [string, string, string[], RegExp][] = [
      ["bad.zip", "not a zip at all", [], /not a valid ZIP/],
      ["rows.jsonl", '{"body":"ok","rank":1}\n{oops\n', ["--table", "notes", "--append"], /line 2/],
      ["unknown.jsonl", '{"a":1}\n', ["--table", "nosuch", "--append"], /not in the schema/],
      [
        "schema.jsonl",
        '{"body":5,"rank":1}\n',
        ["--table", "notes", "--append"],
        /notes, document 1/,
      ],
      ["full.jsonl", '{"body":"x","rank":1}\n', ["--table", "notes"], /already has/],
    ];
    for (const [name, content, flags, reason] of cases) {
      const path = join(cli.appDir, name);
      writeFileSync(path, content);
      const result = await cli.run(["import", ...flags, path, "--yes"]);
      expect([name, result.code], result.stderr).toEqual([name, 1]);
      expect(result.stderr, name).toMatch(reason);
    }
    expect(await post("query", "data:all", {})).toEqual(before);
  }, 120_000);
});
