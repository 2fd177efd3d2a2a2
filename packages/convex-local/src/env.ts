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
  /** The deployment env the starter passes (DEPLOYMENT_ENV_VAR), beside what `npx convex env` stored. */
  env: Record<string, string>;
  /** Issuer -> where its OIDC discovery is served (OIDC_DISCOVERY_VAR), for issuer hosts that do not resolve here. */
  oidcDiscovery: Record<string, string>;
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

/**
 * The variable that hands a child server its deployment env (JSON): the child's own env is the shell's, which
 * functions must never see, so the deployment's variables travel apart from it.
 */
export const DEPLOYMENT_ENV_VAR = "CONVEX_LOCAL_DEPLOYMENT_ENV";

/**
 * Issuer -> the http(s) URL its OIDC discovery is served at, as JSON. The local Clerk server's session tokens name
 * Clerk's own Frontend API host as their issuer (the Clerk SDKs insist on it), a host that does not resolve
 * offline; this points discovery for that issuer at the local server, as a hosts file entry would.
 */
export const OIDC_DISCOVERY_VAR = "CONVEX_LOCAL_OIDC_DISCOVERY";

/** This process's env, plus `deploymentEnv` for the child server's functions (and only for them). */
export function childEnv(
  deploymentEnv: Record<string, string>,
  oidcDiscovery: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    [DEPLOYMENT_ENV_VAR]: JSON.stringify(deploymentEnv),
    [OIDC_DISCOVERY_VAR]: JSON.stringify(oidcDiscovery),
  };
}

const isHttpUrl = (value: unknown) => {
  if (typeof value !== "string") return false;
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/** OIDC_DISCOVERY_VAR's value: a JSON object from issuer URL to discovery URL, or an error saying what is wrong. */
export function oidcDiscoveryValue(raw: string | undefined): Record<string, string> {
  if (raw === undefined || raw === "") return {};
  const problem = `${OIDC_DISCOVERY_VAR} must be a JSON object from issuer URL to discovery URL (got "${raw}").`;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Error(problem);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(problem);
  const entries = Object.entries(value);
  if (!entries.every(([issuer, url]) => isHttpUrl(issuer) && isHttpUrl(url))) {
    throw new Error(problem);
  }
  return Object.fromEntries(
    entries.map(([issuer, url]) => [issuer.replace(/\/+$/, ""), String(url)]),
  );
}

function deploymentEnvValue(raw: string | undefined): Record<string, string> {
  if (raw === undefined || raw === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Error(`${DEPLOYMENT_ENV_VAR} must be a JSON object of strings (got "${raw}").`);
  }
  if (
    typeof value !== "object" ||
    value === null ||
    Array.isArray(value) ||
    !Object.values(value).every((v) => typeof v === "string")
  ) {
    throw new Error(`${DEPLOYMENT_ENV_VAR} must be a JSON object of strings (got "${raw}").`);
  }
  return value as Record<string, string>;
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
  // No auth provider is assumed: the deployment env (CLERK_JWT_ISSUER_DOMAIN, AUTH0_DOMAIN, …) is what
  // `npx convex env set` stored plus what the starter passes in DEPLOYMENT_ENV_VAR (offline-stack does), never
  // this process's own env.
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
    env: deploymentEnvValue(env[DEPLOYMENT_ENV_VAR]),
    oidcDiscovery: oidcDiscoveryValue(env[OIDC_DISCOVERY_VAR]),
  };
}
