// Snapshot export and import over the routes `npx convex export/import` call (the real CLI is in test/cli/):
// Convex's ZIP layout, a lossless round trip of every document, id, _creationTime, value kind and stored file,
// single-table JSONL/JSON/CSV, and 4xx with nothing written for bad input.
import { fileURLToPath } from "node:url";

import { makeFunctionReference } from "convex/server";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterEach, describe, expect, it } from "vitest";

import type { ConvexLocal } from "../src/index";
import { startConvexLocal } from "../src/index";
import { IMPORT_LIMITS } from "../src/snapshot/import-parse";
import { decodeTs } from "../src/timestamp";
import { httpClient } from "./support";

const addNote = makeFunctionReference<"mutation">("data:addNote");
const ioApp = fileURLToPath(new URL("./fixtures/io-app/convex", import.meta.url));

const started: ConvexLocal[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((backend) => backend.stop()));
});
async function backend(): Promise<ConvexLocal> {
  const server = await startConvexLocal({
    port: 0,
    sitePort: 0,
    dataDir: null,
    functionsDir: ioApp,
    logs: false,
  });
  started.push(server);
  return server;
}

/** Headers every admin route needs. */
const admin = (server: ConvexLocal): Record<string, string> => ({
  authorization: `Convex ${server.adminKey}`,
});

async function call(server: ConvexLocal, method: string, path: string, body?: BodyInit) {
  const response = await fetch(`${server.url}${path}`, { method, headers: admin(server), body });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, bytes, headers: response.headers };
}

async function json(server: ConvexLocal, path: string, body: unknown) {
  const { status, bytes } = await call(server, "POST", path, JSON.stringify(body));
  return { status, body: JSON.parse(strFromU8(bytes)) as Record<string, unknown> };
}

async function exportZip(server: ConvexLocal, includeStorage = true): Promise<Uint8Array> {
  expect(
    (await call(server, "POST", `/api/export/request/zip?includeStorage=${includeStorage}`)).status,
  ).toBe(200);
  const { ts: encoded } = (await (
    await fetch(`${server.url}/api/query_ts`, { method: "POST" })
  ).json()) as { ts: string };
  const ts = String(decodeTs(encoded));
  const download = await call(server, "GET", `/api/export/zip/${ts}`);
  expect(download.status).toBe(200);
  expect(download.headers.get("content-disposition")).toBe(
    `attachment; filename=snapshot_${ts}.zip`,
  );
  return download.bytes;
}

/** The CLI's import sequence; answers the first non-200 step, or the import's state after perform_import. */
async function importBytes(
  server: ConvexLocal,
  bytes: Uint8Array,
  options: { format: string; mode?: string; tableName?: string },
  partSize = 1024,
) {
  const start = await json(server, "/api/import/start_upload", {});
  if (start.status !== 200) return start;
  const uploadToken = String(start.body.uploadToken);
  const partTokens: unknown[] = [];
  for (
    let offset = 0, part = 1;
    offset < bytes.byteLength || part === 1;
    offset += partSize, part++
  ) {
    const uploaded = await call(
      server,
      "POST",
      `/api/import/upload_part?uploadToken=${encodeURIComponent(uploadToken)}&partNumber=${part}`,
      bytes.slice(offset, offset + partSize),
    );
    if (uploaded.status !== 200)
      return {
        status: uploaded.status,
        body: JSON.parse(strFromU8(uploaded.bytes)) as Record<string, unknown>,
      };
    partTokens.push(JSON.parse(strFromU8(uploaded.bytes)));
  }
  const finished = await json(server, "/api/import/finish_upload", {
    import: { mode: "requireEmpty", ...options },
    uploadToken,
    partTokens,
  });
  if (finished.status !== 200) return finished;
  return await json(server, "/api/perform_import", { importId: finished.body.importId });
}

async function seed(server: ConvexLocal) {
  const client = httpClient(server.url);
  for (let rank = 0; rank < 5; rank++)
    await client.mutation(addNote, { body: `n${rank}`, rank: rank + 0.5 });
  await client.mutation(addNote, { body: "whole", rank: 3 });
  for (const [label, value] of [
    ["int64", { $integer: "AQAAAAAAAAA=" }],
    ["float that is whole", 3],
    ["negative zero", { $float: "AAAAAAAAAIA=" }],
    ["nan", { $float: "AAAAAAAA+H8=" }],
    ["bytes", { $bytes: "AAEC/w==" }],
    ["nested", { list: [1.5, "two", null, true, { $integer: "/////////38=" }], deep: { x: "y" } }],
  ] as const) {
    const response = await fetch(`${server.url}/api/mutation`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        path: "data:addKind",
        args: [{ value, label }],
        format: "convex_encoded_json",
      }),
    });
    expect(response.status).toBe(200);
  }
  const upload = await fetch(
    `${server.url}/api/storage/upload?token=${await uploadToken(server)}`,
    {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "file bytes",
    },
  );
  expect(upload.status).toBe(200);
  const { storageId } = (await upload.json()) as { storageId: string };
  await fetch(`${server.url}/api/mutation`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      path: "data:saveFile",
      args: [{ storageId, name: "a.txt" }],
      format: "convex_encoded_json",
    }),
  });
}

async function uploadToken(server: ConvexLocal): Promise<string> {
  const url = await fetch(`${server.url}/api/mutation`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      path: "data:generateUploadUrl",
      args: [{}],
      format: "convex_encoded_json",
    }),
  });
  const { value } = (await url.json()) as { value: string };
  return new URL(value).searchParams.get("token") ?? "";
}

async function dump(server: ConvexLocal): Promise<unknown> {
  const response = await fetch(`${server.url}/api/query`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ path: "data:all", args: [{}], format: "convex_encoded_json" }),
  });
  return ((await response.json()) as { value: unknown }).value;
}

describe("export", () => {
  it("writes Convex's snapshot ZIP layout", async () => {
    const server = await backend();
    await seed(server);
    const files = unzipSync(await exportZip(server));
    const names = Object.keys(files).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        "README.md",
        "_tables/documents.jsonl",
        "notes/documents.jsonl",
        "notes/generated_schema.jsonl",
        "kinds/documents.jsonl",
        "tags/documents.jsonl",
        "files/documents.jsonl",
        "_storage/documents.jsonl",
      ]),
    );
    expect(names.some((name) => /^_storage\/[0-9]+_storage\.txt$/.test(name))).toBe(true);
    const tables = strFromU8(files["_tables/documents.jsonl"] ?? new Uint8Array())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { name: string; id: number });
    expect(tables.map((table) => table.name)).toEqual(["files", "kinds", "notes", "tags"]);
    expect(strFromU8(files["notes/generated_schema.jsonl"] ?? new Uint8Array())).toBe(
      '"uniform"\n',
    );
    const notes = strFromU8(files["notes/documents.jsonl"] ?? new Uint8Array())
      .trim()
      .split("\n");
    expect(notes).toHaveLength(6);
    // Clean lossless JSON: floats keep a dot, ints do not.
    expect(notes[0]).toMatch(/"rank":0\.5/);
    const kinds = strFromU8(files["kinds/documents.jsonl"] ?? new Uint8Array());
    expect(kinds).toMatch(/"value":1[,}]/);
    expect(kinds).toMatch(/"value":3\.0[,}]/);
  });
});

describe("import", () => {
  it("round-trips every document, id, _creationTime, value kind and stored file through a fresh backend", async () => {
    const source = await backend();
    await seed(source);
    const before = await dump(source);
    const zip = await exportZip(source);
    const target = await backend();
    const result = await importBytes(target, zip, { format: "zip" });
    expect(result).toEqual({ status: 200, body: {} });
    expect(await dump(target)).toEqual(before);
    // The stored file came back with its bytes, and new inserts do not collide with imported ids.
    const storageId = (before as { _storage: { _id: string }[] })._storage[0]?._id ?? "";
    expect(strFromU8((await call(target, "GET", `/api/storage/${storageId}`)).bytes)).toBe(
      "file bytes",
    );
    const fresh: unknown = await httpClient(target.url).mutation(addNote, { body: "new", rank: 9 });
    expect((before as { notes: { _id: string }[] }).notes.map((m) => m._id)).not.toContain(fresh);
  });

  it("imports one table from JSON Lines, a JSON array and CSV", async () => {
    const server = await backend();
    const lines = '{"body":"a","rank":1}\n{"body":"b","rank":2}\n';
    expect(
      (await importBytes(server, strToU8(lines), { format: "jsonLines", tableName: "notes" }))
        .status,
    ).toBe(200);
    const array = JSON.stringify([{ name: "x" }, { name: "y" }]);
    expect(
      (await importBytes(server, strToU8(array), { format: "jsonArray", tableName: "tags" }))
        .status,
    ).toBe(200);
    const csv = "body,rank\nc,3\nd,4.5\n";
    expect(
      (
        await importBytes(server, strToU8(csv), {
          format: "csv",
          tableName: "notes",
          mode: "append",
        })
      ).status,
    ).toBe(200);
    const data = (await dump(server)) as {
      notes: { body: string; rank: number }[];
      tags: { name: string }[];
    };
    expect(data.notes.map((m) => [m.body, m.rank])).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
      ["d", 4.5],
    ]);
    expect(data.tags.map((t) => t.name)).toEqual(["x", "y"]);
  });

  it("replaces a table's documents only when asked to", async () => {
    const server = await backend();
    await seed(server);
    const zip = await exportZip(server, false);
    const refused = await importBytes(server, zip, { format: "zip" });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("TableNotEmpty");
    const before = await dump(server);
    expect((await importBytes(server, zip, { format: "zip", mode: "replace" })).status).toBe(200);
    expect(await dump(server)).toEqual(before);
  });

  it("answers bad input with a 4xx and writes nothing", async () => {
    const server = await backend();
    await seed(server);
    const before = await dump(server);
    const zipOf = (files: Record<string, string>) =>
      zipSync(
        Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])),
      );
    const cases: [
      string,
      Uint8Array,
      { format: string; mode?: string; tableName?: string },
      number,
      string,
    ][] = [
      ["not a zip", strToU8("hello"), { format: "zip", mode: "append" }, 400, "InvalidZip"],
      [
        "truncated zip",
        (await exportZip(server)).slice(0, 100),
        { format: "zip", mode: "append" },
        400,
        "InvalidZip",
      ],
      [
        "zip without tables",
        zipOf({ "README.md": "hi" }),
        { format: "zip", mode: "append" },
        400,
        "InvalidZip",
      ],
      [
        "bad JSONL row in a zip",
        zipOf({ "notes/documents.jsonl": '{"body":"ok","rank":1}\n{oops\n' }),
        { format: "zip", mode: "append" },
        400,
        "InvalidJsonRow",
      ],
      [
        "unknown table",
        zipOf({ "nosuch/documents.jsonl": '{"a":1}\n' }),
        { format: "zip", mode: "append" },
        400,
        "UnknownTable",
      ],
      [
        "invalid table name",
        strToU8('{"a":1}\n'),
        { format: "jsonLines", tableName: "bad-name", mode: "append" },
        400,
        "InvalidTableName",
      ],
      [
        "schema violation",
        strToU8('{"body":"ok","rank":1}\n{"body":5,"rank":1}\n'),
        { format: "jsonLines", tableName: "notes", mode: "append" },
        400,
        "SchemaValidationFailed",
      ],
      [
        "id of another table",
        strToU8('{"_id":"10001tags","_creationTime":5,"body":"x","rank":1}\n'),
        { format: "jsonLines", tableName: "notes", mode: "append" },
        400,
        "InvalidId",
      ],
      [
        "reserved field",
        strToU8('{"_secret":1,"body":"x","rank":1}\n'),
        { format: "jsonLines", tableName: "notes", mode: "append" },
        400,
        "InvalidField",
      ],
      [
        "not an array",
        strToU8('{"a":1}'),
        { format: "jsonArray", tableName: "notes", mode: "append" },
        400,
        "NotJsonArray",
      ],
      [
        "csv with a bad header",
        strToU8("bo dy,rank\nx,1\n"),
        { format: "csv", tableName: "notes", mode: "append" },
        400,
        "CsvInvalidHeader",
      ],
      [
        "unknown format",
        strToU8(""),
        { format: "parquet", tableName: "notes" },
        400,
        "InvalidImportFormat",
      ],
      [
        "unknown mode",
        strToU8('{"a":1}\n'),
        { format: "jsonLines", tableName: "notes", mode: "merge" },
        400,
        "InvalidImportMode",
      ],
      [
        "table name with zip",
        zipOf({ "notes/documents.jsonl": "" }),
        { format: "zip", tableName: "notes" },
        400,
        "InvalidImport",
      ],
    ];
    for (const [name, bytes, options, status, code] of cases) {
      const result = await importBytes(server, bytes, options);
      expect([name, result.status, result.body.code], name).toEqual([name, status, code]);
    }
    expect(await dump(server)).toEqual(before);
  });

  it("refuses an upload over the limit with 413", async () => {
    const server = await backend();
    const big = new Uint8Array(IMPORT_LIMITS.uploadBytes + 1);
    const result = await importBytes(
      server,
      big,
      { format: "jsonLines", tableName: "notes" },
      IMPORT_LIMITS.uploadBytes,
    );
    expect(result.status).toBe(413);
  });

  it("answers every export and import route with 401 without the admin key, writing nothing", async () => {
    const server = await backend();
    const routes: [string, string][] = [
      ["POST", "/api/export/request/zip?includeStorage=false"],
      ["GET", "/api/export/zip/0"],
      ["POST", "/api/import/start_upload"],
      ["POST", "/api/import/upload_part?uploadToken=x&partNumber=1"],
      ["POST", "/api/import/finish_upload"],
      ["POST", "/api/perform_import"],
    ];
    for (const [method, path] of routes) {
      for (const authorization of [undefined, "Convex wrong-key", "Bearer a.b.c"]) {
        const response = await fetch(`${server.url}${path}`, {
          method,
          headers: authorization === undefined ? {} : { authorization },
        });
        expect([path, authorization, response.status]).toEqual([path, authorization, 401]);
      }
    }
    expect(await dump(server)).toEqual({ notes: [], tags: [], kinds: [], files: [], _storage: [] });
  });

  it("keeps only the newest two uploaded imports waiting (their documents are in memory)", async () => {
    const server = await backend();
    const ids: unknown[] = [];
    for (let index = 0; index < 3; index++) {
      const start = await json(server, "/api/import/start_upload", {});
      const uploadToken = String(start.body.uploadToken);
      const part = await call(
        server,
        "POST",
        `/api/import/upload_part?uploadToken=${encodeURIComponent(uploadToken)}&partNumber=1`,
        `{"name":"t${index}"}\n`,
      );
      const finished = await json(server, "/api/import/finish_upload", {
        import: { format: "jsonLines", mode: "append", tableName: "tags" },
        uploadToken,
        partTokens: [JSON.parse(strFromU8(part.bytes))],
      });
      ids.push(finished.body.importId);
    }
    const expired = await json(server, "/api/perform_import", { importId: ids[0] });
    expect([expired.status, expired.body.code]).toEqual([400, "ImportNotWaiting"]);
    for (const importId of ids.slice(1))
      expect((await json(server, "/api/perform_import", { importId })).status).toBe(200);
    const { tags } = (await dump(server)) as { tags: { name: string }[] };
    expect(tags.map((tag) => tag.name)).toEqual(["t1", "t2"]);
  });

  it("refuses malformed control requests with 400", async () => {
    const server = await backend();
    expect((await call(server, "POST", "/api/import/finish_upload", "{nope")).status).toBe(400);
    expect(
      (
        await json(server, "/api/import/finish_upload", {
          import: { format: "zip", mode: "append" },
          uploadToken: "nope",
          partTokens: [],
        })
      ).status,
    ).toBe(400);
    expect(
      (await call(server, "POST", "/api/import/upload_part?uploadToken=nope&partNumber=1", "x"))
        .status,
    ).toBe(400);
    expect((await json(server, "/api/perform_import", { importId: "nope" })).status).toBe(400);
    expect(
      (await call(server, "POST", "/api/export/request/zip?includeStorage=maybe")).status,
    ).toBe(400);
    expect((await call(server, "GET", "/api/export/zip/123")).status).toBe(404);
  });
});
