// Regenerates convex/_generated offline (or, with --check, fails if the committed files are stale).
//
// `convex codegen` analyses a push on a deployment. This script starts a throwaway local backend
// (packages/convex-local, in its own process with a temp data dir) and points the real, pinned CLI at it as a
// self-hosted deployment, exactly as a developer's `npx convex codegen` against a deployment.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const generatedDir = join(packageDir, "convex", "_generated");
const check = process.argv.includes("--check");
// Spawned by path, not imported: convex-local depends on this package, so a dependency back would be a cycle.
const convexLocalBin = join(packageDir, "..", "packages", "convex-local", "bin", "convex-local.js");
const STARTUP_TIMEOUT_MS = 60_000;

interface Backend {
  url: string;
  adminKey: string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address !== null
          ? resolve(address.port)
          : reject(new Error("no free port")),
      );
    });
  });
}

/** A local backend with a fresh data dir; its admin key is the one it writes there on first start. */
async function startBackend(dataDir: string): Promise<Backend> {
  const [port, sitePort] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      convexLocalBin,
      "--port",
      String(port),
      "--site-port",
      String(sitePort),
      "--data-dir",
      dataDir,
      "--no-watch",
    ],
    {
      // The deployment env (convex-local's CONVEX_LOCAL_DEPLOYMENT_ENV, never the shell's): the functions' auth
      // config needs an issuer to load; codegen never verifies a token.
      env: {
        ...process.env,
        CONVEX_LOCAL_DEPLOYMENT_ENV: JSON.stringify({
          CLERK_JWT_ISSUER_DOMAIN: "http://127.0.0.1:9",
        }),
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  const keyFile = join(dataDir, "admin-key.json");
  while (Date.now() < deadline && child.exitCode === null) {
    const up = await fetch(`${url}/version`).then(
      (response) => response.ok,
      () => false,
    );
    if (up && existsSync(keyFile)) {
      const { adminKey } = JSON.parse(readFileSync(keyFile, "utf8")) as { adminKey: string };
      return { url, adminKey, stop: () => child.kill() };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error(`the local backend did not start within ${STARTUP_TIMEOUT_MS} ms`);
}

function snapshot(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]));
}

async function runCodegen(cwd: string, backend: Backend): Promise<void> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    CONVEX_SELF_HOSTED_URL: backend.url,
    CONVEX_SELF_HOSTED_ADMIN_KEY: backend.adminKey,
  };
  // A configured hosted deployment must not be used (or required) for offline codegen.
  delete env.CONVEX_DEPLOYMENT;
  delete env.CONVEX_DEPLOY_KEY;
  const child = spawn(
    join(packageDir, "node_modules", ".bin", "convex"),
    ["codegen", "--typecheck", "disable"],
    { cwd, env, stdio: ["ignore", "ignore", "inherit"] },
  );
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`convex codegen exited with ${code}`);
}

/** A throwaway copy of the package, so a check never touches the files other tasks are reading. */
function scratchCopy(): string {
  // Same depth below the root as the real package, so tsconfig `extends` paths resolve.
  const root = mkdtempSync(join(tmpdir(), "convex-codegen-"));
  const dir = join(root, "convex");
  cpSync(join(packageDir, "..", "tsconfig.base.json"), join(root, "tsconfig.base.json"));
  // shared/: the modules beside the functions folder that functions import (the bundle must resolve them).
  for (const name of ["convex", "shared", "convex.json", "package.json"]) {
    cpSync(join(packageDir, name), join(dir, name), { recursive: true });
  }
  symlinkSync(join(packageDir, "node_modules"), join(dir, "node_modules"));
  return dir;
}

const dataDir = mkdtempSync(join(tmpdir(), "convex-codegen-backend-"));
const backend = await startBackend(dataDir);
try {
  if (!check) {
    await runCodegen(packageDir, backend);
    console.log("Regenerated convex/_generated.");
  } else {
    const scratch = scratchCopy();
    try {
      await runCodegen(scratch, backend);
      const committed = snapshot(generatedDir);
      const fresh = snapshot(join(scratch, "convex", "_generated"));
      const stale = [...new Set([...committed.keys(), ...fresh.keys()])].filter(
        (name) => committed.get(name) !== fresh.get(name),
      );
      if (stale.length > 0) {
        console.error(
          `convex/_generated is stale (${stale.join(", ")}). Run \`pnpm --filter @repo/convex codegen\` and commit.`,
        );
        process.exitCode = 1;
      } else {
        console.log("convex/_generated is up to date.");
      }
    } finally {
      rmSync(join(scratch, ".."), { recursive: true });
    }
  }
} finally {
  backend.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
