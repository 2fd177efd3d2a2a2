// The CLI's settings from env (AUTH0_LOCAL_PORT, OFFLINE_DATA_DIR) and argv (--port).
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export function readCliSettings(argv: string[]): { port: number; dataDir: string } {
  const flag = argv.indexOf("--port");
  const raw = flag >= 0 ? (argv[flag + 1] ?? "") : (process.env.AUTH0_LOCAL_PORT ?? "4200");
  const port = Number(raw);
  if (raw === "" || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`The port (--port or AUTH0_LOCAL_PORT) must be a port number (got "${raw}").`);
  }
  return {
    port,
    dataDir: resolve(join(process.env.OFFLINE_DATA_DIR ?? join(repoRoot, ".data"), "auth0")),
  };
}
