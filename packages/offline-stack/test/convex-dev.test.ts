// `pnpm dev`'s Convex loop end to end: the real `convex dev` (startConvexDev, as ensureStack runs it) against a
// local backend picks up a function file added while it runs: `_generated/api.d.ts` gains it and the backend
// serves it, with no watcher of ours in between. The app is a throwaway copy, not this project's convex/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

import type { ConvexLocal } from "@repo/convex-local";
import { startConvexLocal } from "@repo/convex-local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ConvexDev } from "../src/convex-dev";
import { convexAppDir, startConvexDev } from "../src/convex-dev";

const convexPackageDir = dirname(
  createRequire(join(convexAppDir, "package.json")).resolve("convex/package.json"),
);

const SERVER_STUB = `import { queryGeneric } from "convex/server";
export const query = queryGeneric;
`;

let root: string;
let appDir: string;
let backend: ConvexLocal;
let dev: ConvexDev;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(appDir, path)), { recursive: true });
  writeFileSync(join(appDir, path), text);
}

function apiTypes(): string {
  try {
    return readFileSync(join(appDir, "convex/_generated/api.d.ts"), "utf8");
  } catch {
    return "";
  }
}

async function query(path: string): Promise<unknown> {
  const response = await fetch(`${backend.url}/api/query`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ path, args: {} }),
  });
  const body = (await response.json()) as { status?: string; value?: unknown };
  return body.status === "success" ? body.value : undefined;
}

async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "offline-stack-convex-dev-"));
  appDir = join(root, "app");
  write(
    "package.json",
    JSON.stringify({
      name: "dev-app",
      private: true,
      type: "module",
      dependencies: { convex: "1.48.0" },
    }),
  );
  // The hand-written stand-in for codegen output lets the backend serve the source before the first push.
  write("convex/_generated/server.js", SERVER_STUB);
  write(
    "convex/greetings.ts",
    `import { query } from "./_generated/server";\nexport const hello = query({ args: {}, handler: () => "hello" });\n`,
  );
  mkdirSync(join(appDir, "node_modules"), { recursive: true });
  symlinkSync(convexPackageDir, join(appDir, "node_modules", "convex"), "dir");
  backend = await startConvexLocal({
    port: 0,
    sitePort: 0,
    dataDir: null,
    functionsDir: join(appDir, "convex"),
    logs: false,
  });
  // The CLI's version check and telemetry fail fast instead of going out (undici honours these).
  const env = {
    // The CLI starts from the test's env, as from a developer's shell.
    ...process.env,
    HTTP_PROXY: "http://127.0.0.1:9",
    HTTPS_PROXY: "http://127.0.0.1:9",
    NO_PROXY: "127.0.0.1,localhost",
  };
  dev = startConvexDev({ url: backend.url, adminKey: backend.adminKey, env, appDir });
}, 90_000);

afterAll(async () => {
  await dev.stop();
  await backend.stop();
  rmSync(root, { recursive: true, force: true });
});

describe("convex dev against the local backend", () => {
  it("regenerates the API types and serves a function file added while it runs", async () => {
    await until("the first push's codegen", () => apiTypes().includes("greetings"));
    expect(await query("greetings:hello")).toBe("hello");
    expect(apiTypes()).not.toContain("notes");

    write(
      "convex/notes.ts",
      `import { query } from "./_generated/server";\nexport const list = query({ args: {}, handler: () => ["first note"] });\n`,
    );
    await until("notes in _generated/api.d.ts", () => apiTypes().includes("notes"));
    await until("notes:list served", async () => (await query("notes:list")) !== undefined);
    expect(await query("notes:list")).toEqual(["first note"]);
  }, 120_000);
});
