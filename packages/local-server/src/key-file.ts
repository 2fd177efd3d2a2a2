// A server's keys, kept in one JSON file of its data dir: generated on first start, then read back and checked, so
// tokens and sessions survive restarts and a damaged file stops the start with a message that names it.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export interface KeyFileOptions<T> {
  /** The server's name, for the error messages ("auth0-local"). */
  owner: string;
  /** Makes new keys (first start). */
  create: () => T;
  /** Whether what was read is keys this server wrote; anything else is refused. */
  isValid: (value: unknown) => value is T;
}

/** Reads the keys at `path`, or creates and writes them (owner-only, mode 0600) if the file does not exist. */
export function loadOrCreateKeyFile<T>(path: string, options: KeyFileOptions<T>): T {
  if (existsSync(path)) return readKeyFile(path, options);
  const keys = options.create();
  mkdirSync(dirname(path), { recursive: true });
  // Written aside and renamed, so a crash mid-write never leaves a torn key file to refuse on the next start.
  writeFileSync(`${path}.tmp`, JSON.stringify(keys, null, 2), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
  return keys;
}

function readKeyFile<T>(path: string, options: KeyFileOptions<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(
      `${options.owner}: ${path} is not valid JSON (${(error as Error).message}); fix it or delete it to start over.`,
    );
  }
  if (!options.isValid(value)) {
    throw new Error(
      `${options.owner}: ${path} does not hold what ${options.owner} wrote there; fix it or delete it to start over.`,
    );
  }
  return value;
}
