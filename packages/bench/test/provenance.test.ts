// Runs real git in a throwaway repository.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { commitLabel, describeCommit } from "../src/provenance";

const dir = mkdtempSync(join(tmpdir(), "bench-provenance-"));
const git = (...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
    cwd: dir,
    encoding: "utf8",
  }).trim();

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("describeCommit", () => {
  it("is null outside a git checkout", () => {
    expect(describeCommit(dir)).toBeNull();
  });

  it("records HEAD, clean, then dirty once the tree changes (tracked or untracked)", () => {
    git("init", "-q");
    writeFileSync(join(dir, "a.txt"), "one");
    git("add", "a.txt");
    git("commit", "-q", "-m", "first");
    const head = git("rev-parse", "HEAD");
    expect(describeCommit(dir)).toEqual({ sha: head, dirty: false });

    writeFileSync(join(dir, "new.txt"), "untracked");
    expect(describeCommit(dir)).toEqual({ sha: head, dirty: true });
    rmSync(join(dir, "new.txt"));
    writeFileSync(join(dir, "a.txt"), "two");
    expect(describeCommit(dir)).toEqual({ sha: head, dirty: true });
  });
});

describe("commitLabel", () => {
  const sha = "0123456789abcdef0123456789abcdef01234567";
  it("names the commit and says when the tree was dirty", () => {
    expect(commitLabel({ sha, dirty: false })).toBe("commit 0123456789ab");
    expect(commitLabel({ sha, dirty: true })).toBe(
      "commit 0123456789ab + uncommitted changes (dirty)",
    );
    expect(commitLabel(null)).toBe("commit unknown (not a git checkout)");
  });
});
