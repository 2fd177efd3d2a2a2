// Which code a run measured: the commit, and whether the work tree differed from it (numbers from uncommitted code
// cannot be reproduced from the commit alone).
import { execFileSync } from "node:child_process";

export interface Commit {
  sha: string;
  /** Uncommitted changes (tracked or untracked, .gitignore'd files aside) when the run started. */
  dirty: boolean;
}

function git(cwd: string, args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", timeout: 10_000 }).trim();
}

/** The checkout at `cwd`; null (reported as unknown) when it is not a git work tree or git is missing. */
export function describeCommit(cwd: string): Commit | null {
  try {
    const sha = git(cwd, ["rev-parse", "HEAD"]);
    const dirty = git(cwd, ["status", "--porcelain"]) !== "";
    return { sha, dirty };
  } catch {
    return null;
  }
}

/** "commit 0123456789ab" or "commit 0123456789ab + uncommitted changes"; says so when unknown. */
export function commitLabel(commit: Commit | null): string {
  if (commit === null) return "commit unknown (not a git checkout)";
  return `commit ${commit.sha.slice(0, 12)}${commit.dirty ? " + uncommitted changes (dirty)" : ""}`;
}
