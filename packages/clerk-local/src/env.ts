// What the server reads from env: CLERK_LOCAL_PORT and OFFLINE_DATA_DIR (the CLI), CLERK_LOCAL_SETTINGS (any start).
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export function readCliSettings(): { port: number; dataDir: string } {
  const raw = process.env.CLERK_LOCAL_PORT ?? "4100";
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`CLERK_LOCAL_PORT must be a port number (got "${raw}").`);
  }
  return {
    port,
    dataDir: resolve(join(process.env.OFFLINE_DATA_DIR ?? join(repoRoot, ".data"), "clerk")),
  };
}

/** CLERK_LOCAL_SETTINGS: the instance settings file, when it is not `<data dir>/clerk-local.json`. */
export function settingsFileFromEnv(): string | undefined {
  const path = (process.env.CLERK_LOCAL_SETTINGS ?? "").trim();
  return path === "" ? undefined : resolve(path);
}
