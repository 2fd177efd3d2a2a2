// Child processes the benchmark owns: each in its own process group, so stopping it also stops what it spawned.
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";

export interface Owned {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

const running = new Set<Owned>();

export function start(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; logFile: string },
): Owned {
  const log = createWriteStream(options.logFile);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<number | null>((resolve) => {
    child.on("exit", (code) => resolve(code));
    child.on("error", () => resolve(-1));
  });
  const owned = { name, child, exited };
  running.add(owned);
  void exited.then(() => running.delete(owned));
  return owned;
}

function signalGroup(owned: Owned, signal: NodeJS.Signals): void {
  const pid = owned.child.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM to the process group, then SIGKILL if it has not exited within `graceMs`. */
export async function stop(owned: Owned, graceMs = 5_000): Promise<void> {
  if (owned.child.exitCode !== null || owned.child.signalCode !== null) return;
  signalGroup(owned, "SIGTERM");
  const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), graceMs));
  if ((await Promise.race([owned.exited, timer])) === "timeout") {
    signalGroup(owned, "SIGKILL");
    await owned.exited;
  }
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((owned) => stop(owned)));
}

/** Last-resort cleanup when the benchmark itself is killed: no graceful wait is possible then. */
export function killAllNow(): void {
  for (const owned of running) signalGroup(owned, "SIGKILL");
}

/** Runs a command to completion; rejects on a non-zero exit or after `timeoutMs`. */
export async function runToEnd(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; logFile: string; timeoutMs: number },
): Promise<void> {
  const owned = start(name, command, args, options);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), options.timeoutMs);
  });
  const result = await Promise.race([owned.exited, timeout]);
  clearTimeout(timer);
  if (result === "timeout") {
    await stop(owned);
    throw new Error(
      `${name} did not finish within ${options.timeoutMs / 1000}s (log: ${options.logFile}).`,
    );
  }
  if (result !== 0)
    throw new Error(`${name} failed with exit code ${result} (log: ${options.logFile}).`);
}
