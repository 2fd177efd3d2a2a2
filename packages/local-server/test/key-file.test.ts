// Persisted keys: created once (owner-only), read back as they were, and a damaged file is refused by name.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { loadOrCreateKeyFile } from "../src/key-file";

interface Keys {
  secret: string;
}
const isKeys = (value: unknown): value is Keys =>
  typeof (value as Partial<Keys> | null)?.secret === "string";

const dirs: string[] = [];
function keyPath() {
  const dir = mkdtempSync(join(tmpdir(), "local-server-keys-"));
  dirs.push(dir);
  return join(dir, "nested", "keys.json");
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

let made = 0;
const options = {
  owner: "test-server",
  create: (): Keys => ({ secret: `s${(made += 1)}` }),
  isValid: isKeys,
};

describe("loadOrCreateKeyFile", () => {
  it("creates the keys once, readable by the owner only, and reads the same keys back", () => {
    const path = keyPath();
    const first = loadOrCreateKeyFile(path, options);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKeyFile(path, options)).toEqual(first);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual(first);
  });

  it("refuses a file that is not JSON, naming it and the way out", () => {
    const path = keyPath();
    loadOrCreateKeyFile(path, options);
    writeFileSync(path, "{ not json");
    expect(() => loadOrCreateKeyFile(path, options)).toThrow(
      new RegExp(
        `^test-server: ${path} is not valid JSON \\(.+\\); fix it or delete it to start over\\.$`,
      ),
    );
    expect(readFileSync(path, "utf8")).toBe("{ not json");
  });

  it("refuses JSON that is not this server's keys", () => {
    const path = keyPath();
    loadOrCreateKeyFile(path, options);
    for (const content of ["null", "[]", '{"secret":42}', '{"other":"x"}']) {
      writeFileSync(path, content);
      expect(() => loadOrCreateKeyFile(path, options), content).toThrow(
        `test-server: ${path} does not hold what test-server wrote there; fix it or delete it to start over.`,
      );
    }
  });
});
