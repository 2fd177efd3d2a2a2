// What the server reads from env: CLERK_LOCAL_PORT, CLERK_LOCAL_HTTPS_PORT and OFFLINE_DATA_DIR (the CLI),
// CLERK_LOCAL_SETTINGS (any start).
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

function portFromEnv(name: string, fallback: string): number {
  const raw = process.env[name] ?? fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} must be a port number (got "${raw}").`);
  }
  return port;
}

export function readCliSettings(): { port: number; httpsPort: number; dataDir: string } {
  return {
    port: portFromEnv("CLERK_LOCAL_PORT", "4100"),
    // The HTTPS listener, for SDK code that insists on https:// (direct mode with an absolute proxy URL).
    httpsPort: portFromEnv("CLERK_LOCAL_HTTPS_PORT", "4101"),
    dataDir: resolve(join(process.env.OFFLINE_DATA_DIR ?? join(repoRoot, ".data"), "clerk")),
  };
}

/** CLERK_LOCAL_SETTINGS: the instance settings file, when it is not `<data dir>/clerk-local.json`. */
export function settingsFileFromEnv(): string | undefined {
  const path = (process.env.CLERK_LOCAL_SETTINGS ?? "").trim();
  return path === "" ? undefined : resolve(path);
}
