// File storage through the real upload flow: generateUploadUrl() from the real client, fetch POST to it,
// getUrl() from a live query, fetch GET of that URL; plus ctx.storage in actions, delete, limits, restarts.
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ConvexLocal } from "../src/index";
import { startConvexLocal } from "../src/index";
import { fixtureApp, httpClient, startFixtureBackend, waitFor, wsClient } from "./support";

type Args = Record<string, unknown>;
const generateUploadUrl = makeFunctionReference<"mutation", Args, string>(
  "files:generateUploadUrl",
);
const save = makeFunctionReference<"mutation", Args, string>("files:save");
const list = makeFunctionReference<"query", Args, { name: string; url: string | null }[]>(
  "files:list",
);
const metadata = makeFunctionReference<
  "query",
  Args,
  { sha256: string; size: number; contentType?: string } | null
>("files:metadata");
const remove = makeFunctionReference<"mutation", Args, null>("files:remove");
const storeText = makeFunctionReference<"action", Args, string>("files:storeText");
const readText = makeFunctionReference<"action", Args, { text: string; type: string } | null>(
  "files:readText",
);
const urlOf = makeFunctionReference<"action", Args, string | null>("files:urlOf");
const metadataOf = makeFunctionReference<"action", Args, Record<string, unknown> | null>(
  "files:metadataOf",
);

async function upload(uploadUrl: string, body: string | Uint8Array<ArrayBuffer>, type: string) {
  return await fetch(uploadUrl, { method: "POST", headers: { "content-type": type }, body });
}

let backend: ConvexLocal;
beforeAll(async () => {
  backend = await startFixtureBackend();
});
afterAll(async () => {
  await backend.stop();
});

describe("file storage", () => {
  it("uploads to the generated URL and serves the file at its getUrl() URL", async () => {
    const client = wsClient(backend.url);
    const uploadUrl = await client.mutation(generateUploadUrl, {});
    expect(uploadUrl.startsWith(`${backend.url}/api/storage/upload?`)).toBe(true);
    const response = await upload(uploadUrl, "hello, storage", "text/plain");
    expect(response.status).toBe(200);
    const { storageId } = (await response.json()) as { storageId: string };

    const listed = waitFor<{ name: string; url: string | null }[]>(
      (cb) => client.onUpdate(list, {}, cb),
      (files) => files.some((f) => f.name === "greeting"),
    );
    await client.mutation(save, { storageId, name: "greeting" });
    const url = (await listed).find((f) => f.name === "greeting")?.url ?? "";
    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("text/plain");
    expect(await served.text()).toBe("hello, storage");

    expect(await client.query(metadata, { storageId })).toMatchObject({
      _id: storageId,
      sha256: createHash("sha256").update("hello, storage").digest("base64"),
      size: 14,
      contentType: "text/plain",
    });
    await client.close();
  });

  it("stores and reads blobs in actions, and getUrl() there serves them", async () => {
    const http = httpClient(backend.url);
    const storageId = await http.action(storeText, { text: "from an action", type: "text/csv" });
    expect(await http.action(readText, { storageId })).toEqual({
      text: "from an action",
      type: "text/csv",
    });
    const served = await fetch((await http.action(urlOf, { storageId })) ?? "");
    expect(await served.text()).toBe("from an action");
    expect(served.headers.get("content-type")).toBe("text/csv");
    expect(await http.action(metadataOf, { storageId })).toEqual({
      storageId,
      sha256: createHash("sha256").update("from an action").digest("base64"),
      size: 14,
      contentType: "text/csv",
    });
  });

  it("deletes the file with its row: the URL answers 404 and the metadata is gone", async () => {
    const http = httpClient(backend.url);
    const storageId = await http.action(storeText, { text: "short-lived", type: "text/plain" });
    const url = (await http.action(urlOf, { storageId })) ?? "";
    expect((await fetch(url)).status).toBe(200);
    await http.mutation(remove, { storageId });
    expect((await fetch(url)).status).toBe(404);
    expect(await http.query(metadata, { storageId })).toBeNull();
    expect(await http.action(readText, { storageId })).toBeNull();
  });

  it("refuses a forged or altered upload URL with 401 and stores nothing", async () => {
    const uploadUrl = await httpClient(backend.url).mutation(generateUploadUrl, {});
    const forged = `${uploadUrl}x`;
    const response = await upload(forged, "x", "text/plain");
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: "InvalidUploadUrl" });
    expect((await upload(`${backend.url}/api/storage/upload`, "x", "text/plain")).status).toBe(401);
  });

  it("answers 404 for URLs of no file, however malformed, and 405 for other methods", async () => {
    for (const path of ["10000_storage", "%E0%A4%A", "..%2F..%2Fsnapshot.json", "10000messages"]) {
      expect((await fetch(`${backend.url}/api/storage/${path}`)).status).toBe(404);
    }
    expect((await fetch(`${backend.url}/api/storage/upload`)).status).toBe(405);
    expect((await fetch(`${backend.url}/api/storage/1_storage`, { method: "DELETE" })).status).toBe(
      405,
    );
  });
});

describe("file storage limits and durability", () => {
  it("answers 413 over the size limit and keeps files across a restart", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "convex-local-"));
    const start = () =>
      startConvexLocal({
        port: 0,
        sitePort: 0,
        dataDir,
        functionsDir: fixtureApp,
        logs: false,
        maxFileBytes: 1024,
      });
    const first = await start();
    const http = httpClient(first.url);
    const tooBig = await upload(
      await http.mutation(generateUploadUrl, {}),
      new Uint8Array(2048),
      "application/octet-stream",
    );
    expect(tooBig.status).toBe(413);
    expect(readdirSync(join(dataDir, "storage"))).toEqual([]);
    await expect(
      http.action(storeText, { text: "x".repeat(2048), type: "text/plain" }),
    ).rejects.toThrow(/exceeds this server's limit of 1024 bytes/);

    const fits = await upload(
      await http.mutation(generateUploadUrl, {}),
      new Uint8Array([1, 2, 3]),
      "image/png",
    );
    const { storageId } = (await fits.json()) as { storageId: string };
    await first.stop();
    expect(existsSync(join(dataDir, "storage", storageId))).toBe(true);

    const second = await start();
    const url = (await httpClient(second.url).action(urlOf, { storageId })) ?? "";
    const served = await fetch(url);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect([...new Uint8Array(await served.arrayBuffer())]).toEqual([1, 2, 3]);
    await second.stop();
  });
});
