// The admin key: Convex's self-hosted format, one per data dir (kept across restarts), fresh per in-memory start,
// and the check every admin route makes (Convex's 401 { code, message } for anything but the key).
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, describe, expect, it } from "vitest";

import {
  ADMIN_KEY_FILE,
  generateAdminKey,
  loadOrCreateAdminKey,
  requireAdmin,
} from "../src/admin-key";
import { HttpError } from "../src/http";
import { startConvexLocal } from "../src/index";

const functionsDir = fileURLToPath(new URL("fixtures/cli-app/convex", import.meta.url));
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "convex-local-admin-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function thrown(fn: () => unknown): HttpError {
  try {
    fn();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error("expected a throw");
}

describe("admin key", () => {
  it("has Convex's self-hosted shape: instance name, |, then 01 and 48 random bytes in hex", () => {
    const key = generateAdminKey("convex-self-hosted");
    expect(key).toMatch(/^convex-self-hosted\|01[0-9a-f]{96}$/);
    expect(generateAdminKey("convex-self-hosted")).not.toBe(key);
  });

  it("is generated once per data dir (owner-only file) and read back on the next start", () => {
    const dir = tempDir();
    const key = loadOrCreateAdminKey(dir, "local");
    expect(loadOrCreateAdminKey(dir, "local")).toBe(key);
    expect(JSON.parse(readFileSync(join(dir, ADMIN_KEY_FILE), "utf8"))).toEqual({ adminKey: key });
    expect(statSync(join(dir, ADMIN_KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it("is fresh for every in-memory start", () => {
    expect(loadOrCreateAdminKey(null, "local")).not.toBe(loadOrCreateAdminKey(null, "local"));
  });

  it("refuses a damaged key file, naming it, instead of making a new key", () => {
    const dir = tempDir();
    writeFileSync(join(dir, ADMIN_KEY_FILE), JSON.stringify({ adminKey: "short" }));
    expect(() => loadOrCreateAdminKey(dir, "local")).toThrow(ADMIN_KEY_FILE);
  });

  it("lets only `Convex <key>` through, returning an acting-as suffix", () => {
    const key = generateAdminKey("local");
    expect(requireAdmin(`Convex ${key}`, key)).toEqual({ actingAs: undefined });
    expect(requireAdmin(`Convex ${key}:eyJzdWIiOiJ1In0=`, key)).toEqual({
      actingAs: "eyJzdWIiOiJ1In0=",
    });
    for (const header of [undefined, "", "Bearer x", `Convex ${key}x`, `Convex ${key.slice(1)}`]) {
      const error = thrown(() => requireAdmin(header, key));
      expect(error.status).toBe(401);
      expect(error.code).toMatch(/^(MissingAdminKey|BadAdminKey)$/);
    }
    expect(thrown(() => requireAdmin(`Convex ${generateAdminKey("local")}`, key)).code).toBe(
      "BadAdminKey",
    );
  });

  it("is exposed by the started server, persisted in its data dir, and checked over HTTP", async () => {
    const dataDir = tempDir();
    const first = await startConvexLocal({
      port: 0,
      sitePort: 0,
      dataDir,
      functionsDir,
      logs: false,
    });
    const key = first.adminKey;
    try {
      expect(key).toMatch(/^local\|01[0-9a-f]{96}$/);
      const ok = await fetch(`${first.url}/api/check_admin_key`, {
        headers: { authorization: `Convex ${key}` },
      });
      expect(ok.status).toBe(200);
      const attempts: Record<string, string>[] = [
        {},
        { authorization: "Convex nope" },
        { authorization: "Bearer x" },
      ];
      for (const headers of attempts) {
        const refused = await fetch(`${first.url}/api/check_admin_key`, { headers });
        expect(refused.status).toBe(401);
        const body = (await refused.json()) as { code: string; message: string };
        expect(typeof body.code).toBe("string");
        expect(body.message).toMatch(/admin key/);
      }
    } finally {
      await first.stop();
    }
    const second = await startConvexLocal({
      port: 0,
      sitePort: 0,
      dataDir,
      functionsDir,
      logs: false,
    });
    await second.stop();
    expect(second.adminKey).toBe(key);
  });
});
