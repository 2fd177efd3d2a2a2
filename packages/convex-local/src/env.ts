// The CLI's settings from flags and env (flags win).
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export interface CliSettings {
  port: number;
  sitePort: number;
  dataDir: string | null;
  reset: boolean;
  watch: boolean;
  /** The largest file storage accepts; undefined for the default (./storage). */
  maxFileBytes: number | undefined;
}

export const USAGE =
  "usage: convex-local [--port 3210] [--site-port 3211] [--data-dir DIR | --in-memory] [--reset] [--no-watch] [--max-file-bytes N]";

function portValue(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`${name} must be a port number from 0 to 65535 (got "${raw}").\n${USAGE}`);
  }
  return value;
}

function byteCount(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive whole number of bytes (got "${raw}").\n${USAGE}`);
  }
  return value;
}

/** Functions and auth.config.ts read deployment env vars through process.env, as on a real deployment. */
export function applyDeploymentEnv(env: Record<string, string>): void {
  Object.assign(process.env, env);
}

/** This process's env plus `extra`, for a child server. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/** The CLI's flags as node:util parseArgs returns them (see cli.ts). */
export interface CliFlags {
  port?: string | undefined;
  "site-port"?: string | undefined;
  "data-dir"?: string | undefined;
  "in-memory"?: boolean | undefined;
  reset?: boolean | undefined;
  "no-watch"?: boolean | undefined;
  "max-file-bytes"?: string | undefined;
}

export function readCliSettings(flags: CliFlags): CliSettings {
  // No auth provider is assumed: the functions and auth.config.ts read the deployment env (CLERK_JWT_ISSUER_DOMAIN,
  // AUTH0_DOMAIN, …) from this process's env, as whoever starts the backend sets it (offline-stack does).
  const env = process.env;
  return {
    port: portValue("--port", flags.port ?? env.CONVEX_LOCAL_PORT, 3210),
    sitePort: portValue("--site-port", flags["site-port"] ?? env.CONVEX_LOCAL_SITE_PORT, 3211),
    dataDir:
      flags["in-memory"] === true
        ? null
        : resolve(
            flags["data-dir"] ?? join(env.OFFLINE_DATA_DIR ?? join(repoRoot, ".data"), "convex"),
          ),
    reset: flags.reset === true,
    watch: flags["no-watch"] !== true,
    maxFileBytes: byteCount(
      "--max-file-bytes",
      flags["max-file-bytes"] ?? env.CONVEX_LOCAL_MAX_FILE_BYTES,
    ),
  };
}
