// The CLI's settings from env (AUTH0_LOCAL_PORT or OIDC_LOCAL_PORT, OFFLINE_DATA_DIR) and argv (--port, --flavor).
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import type { Flavor } from "./flavor";
import { FLAVORS } from "./flavor";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** Each flavor's default port and data folder (the port table in @repo/offline-stack has the same). */
const DEFAULTS: Record<Flavor, { port: string; folder: string }> = {
  auth0: { port: "4200", folder: "auth0" },
  oidc: { port: "4210", folder: "oidc" },
};

function flagValue(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  return index >= 0 ? (argv[index + 1] ?? "") : undefined;
}

export function readCliSettings(argv: string[]): { port: number; dataDir: string; flavor: Flavor } {
  const rawFlavor = flagValue(argv, "--flavor") ?? "auth0";
  if (rawFlavor !== "auth0" && rawFlavor !== "oidc") {
    throw new Error(`--flavor must be auth0 or oidc (got "${rawFlavor}").`);
  }
  const flavor: Flavor = rawFlavor;
  const portEnv = FLAVORS[flavor].portEnvName;
  const raw = flagValue(argv, "--port") ?? process.env[portEnv] ?? DEFAULTS[flavor].port;
  const port = Number(raw);
  if (raw === "" || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`The port (--port or ${portEnv}) must be a port number (got "${raw}").`);
  }
  return {
    port,
    flavor,
    dataDir: resolve(
      join(process.env.OFFLINE_DATA_DIR ?? join(repoRoot, ".data"), DEFAULTS[flavor].folder),
    ),
  };
}
