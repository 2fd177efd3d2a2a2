// The pushed-module store: folder names never reused (Node caches ES modules by URL), the serving set survives a
// reopen, unchanged modules read back with the hash the CLI computed, paths outside the set refused.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, expect, test } from "vitest";

import { bundleHash, isModulePath, ModuleSets } from "../src/push/module-sets";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "convex-local-module-sets-"));
  dirs.push(dir);
  return dir;
}

const manifest = {
  schema: null,
  functions: "convex/",
  nodeVersion: null,
  udfServerVersion: "1.48.0",
  schemaJson: null,
  auth: [],
  crons: [],
};
const module = {
  path: "notes.js",
  source: "export const x = 1;\n",
  sourceMap: '{"version":3}',
  environment: "isolate" as const,
};

test("a discarded set's folder name is not used again", () => {
  const sets = ModuleSets.open(dataDir());
  const first = sets.stage([module]);
  sets.discard(first);
  const second = sets.stage([module]);
  expect(second.dir).not.toBe(first.dir);
});

test("the committed set serves after a reopen; its modules read back with the CLI's hash", () => {
  const dir = dataDir();
  const sets = ModuleSets.open(dir);
  expect(sets.current()).toBeNull();
  const staged = sets.stage([module]);
  const set = sets.seal(staged.dir, { ...manifest, modules: staged.modules });
  sets.commit(set);
  const reopened = ModuleSets.open(dir).current();
  expect(reopened?.dir).toBe(set.dir);
  expect(reopened?.manifest.modules).toEqual([
    { path: "notes.js", hash: bundleHash(module), environment: "isolate" },
  ]);
  const read = reopened === null ? null : ModuleSets.open(dir).read(reopened, "notes.js");
  expect(read === null ? null : bundleHash(read)).toBe(bundleHash(module));
  // ES modules whatever the app's package.json says.
  expect(JSON.parse(readFileSync(join(set.dir, "package.json"), "utf8"))).toEqual({
    type: "module",
  });
});

test("module paths stay inside the set", () => {
  for (const bad of [
    "../x.js",
    "/etc/x.js",
    "a/../../x.js",
    "x.ts",
    "_generated/api.js",
    "a//b.js",
    "",
  ])
    expect(isModulePath(bad), bad).toBe(false);
  for (const good of [
    "notes.js",
    "_deps/ABC123.js",
    "_deps/node/x.js",
    "dir/file.js",
    "auth.config.js",
  ])
    expect(isModulePath(good), good).toBe(true);
});

test("an in-memory server's store is a temp folder removed on close", () => {
  const sets = ModuleSets.open(null);
  const staged = sets.stage([module]);
  sets.close();
  expect(() => readFileSync(join(staged.dir, "notes.js"))).toThrow();
});
