// The machine the numbers come from, printed with them: results from different machines do not compare.
import { execFileSync } from "node:child_process";
import { cpus, release, totalmem } from "node:os";

import { chromiumPath } from "@repo/chromium";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string;
  next: string;
  date: string;
}

export function describeMachine(nextVersion: string): Machine {
  let chromium = "unknown";
  try {
    chromium =
      execFileSync(chromiumPath, ["--version"], { encoding: "utf8", timeout: 10_000 })
        .trim()
        .split("\n")
        .at(-1) ?? "unknown";
  } catch {
    // Reported as unknown; the browser launch itself says what is wrong.
  }
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${process.platform} ${release()}`,
    node: process.version,
    chromium,
    next: nextVersion,
    date: new Date().toISOString(),
  };
}
