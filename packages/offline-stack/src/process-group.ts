// Child processes a run owns (builds, servers): each in its own process group, so stopping it also stops what it
// spawned (`next start` forks its server; a killed parent alone would leave that listening on the port).
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname } from "node:path";

export interface GroupOptions {
  cwd: string;
  /** The child's whole environment (nothing is inherited implicitly). */
  env: Record<string, string>;
  /** stdout and stderr go here; its folder is created. */
  logFile: string;
}

export interface Owned {
  name: string;
  child: ChildProcess;
  logFile: string;
  /** Settles once it exited and its log is complete: the exit code, null when a signal ended it, -1 when it
   * could not be spawned. */
  exited: Promise<number | null>;
}

const running = new Set<Owned>();

export function startGroup(
  name: string,
  command: string,
  args: string[],
  options: GroupOptions,
): Owned {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile);
  // An unwritable log (its folder removed meanwhile) must not crash the run: the exit code still tells.
  log.on("error", () => undefined);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // One log for both streams: neither may end it alone, or the other's last lines would be lost.
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) => {
    let code: number | null = null;
    child.once("exit", (exitCode) => (code = exitCode));
    child.once("error", (error) => {
      log.write(`${name}: ${error.message}\n`);
      if (child.pid === undefined) code = -1;
    });
    // After the process ended and its output was read ("close" also follows a failed spawn): once the log is
    // written out, a caller may quote it.
    child.once("close", () => log.end());
    log.once("close", () => resolve(code));
  });
  const owned = { name, child, logFile: options.logFile, exited };
  running.add(owned);
  void exited.then(() => running.delete(owned));
  return owned;
}

export function hasExited(owned: Owned): boolean {
  return !running.has(owned) || owned.child.exitCode !== null || owned.child.signalCode !== null;
}

function signalGroup(owned: Owned, signal: NodeJS.Signals): void {
  const pid = owned.child.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The whole group is already gone.
  }
}

/**
 * SIGTERM to the process group, then SIGKILL to it if the leader has not exited within `graceMs`. The group gets
 * the SIGKILL even when the leader did exit, so no grandchild that ignored SIGTERM outlives the run.
 */
export async function stopGroup(owned: Owned, graceMs = 5_000): Promise<void> {
  // Gone, and nothing of its group holds its output open: its group id may belong to someone else by now.
  if (owned.child.pid === undefined || !running.has(owned)) return;
  signalGroup(owned, "SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  await Promise.race([owned.exited, timeout]);
  clearTimeout(timer);
  signalGroup(owned, "SIGKILL");
  await owned.exited;
}

/** Stops every group still running (a run's `finally`). */
export async function stopAllGroups(): Promise<void> {
  await Promise.all([...running].map((owned) => stopGroup(owned)));
}

/** Last-resort cleanup when the run itself is killed (SIGINT): no graceful wait is possible then. */
export function killAllGroupsNow(): void {
  for (const owned of running) signalGroup(owned, "SIGKILL");
}

/** Runs a command to completion; rejects on a non-zero exit, or after `timeoutMs` (stopping its group). */
/** A command `runToEnd` stopped at its time limit (as opposed to one that exited with an error). */
export class RunTimeoutError extends Error {
  override name = "RunTimeoutError";
}

export async function runToEnd(
  name: string,
  command: string,
  args: string[],
  options: GroupOptions & { timeoutMs: number },
): Promise<void> {
  const owned = startGroup(name, command, args, options);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), options.timeoutMs);
  });
  const result = await Promise.race([owned.exited, timeout]);
  clearTimeout(timer);
  if (result === "timeout") {
    await stopGroup(owned);
    throw new RunTimeoutError(
      `${name} did not finish within ${options.timeoutMs / 1000} s (log: ${options.logFile}).`,
    );
  }
  if (result !== 0) {
    throw new Error(`${name} failed with exit code ${String(result)} (log: ${options.logFile}).`);
  }
}
