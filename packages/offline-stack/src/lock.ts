// One process owns the local servers at a time: `turbo run dev` starts both apps at once, and both
// would otherwise race to open the same data files.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock file, or returns the live owner's pid. A lock left by a dead process is taken over. */
export function tryLock(
  path: string,
): { acquired: true; release(): void } | { acquired: false; owner: number } {
  mkdirSync(dirname(path), { recursive: true });
  for (;;) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { acquired: true, release: () => rmSync(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(path, "utf8"));
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) return { acquired: false, owner };
      rmSync(path, { force: true });
    }
  }
}
