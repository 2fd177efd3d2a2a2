// Regenerates convex/_generated offline (or, with --check, fails if the committed files are stale).
//
// `convex codegen` needs a deployment to analyse the push. None is reachable offline, so this script
// answers the two calls codegen makes with a minimal fake deployment on 127.0.0.1 and points the real
// CLI at it. The generated files depend only on the local module list, which is what we commit.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const generatedDir = join(packageDir, "convex", "_generated");
const check = process.argv.includes("--check");
// The server version the fake deployment reports is the installed client's, so an upgrade needs no edit here.
const { version: convexVersion } = createRequire(import.meta.url)("convex/package.json") as {
  version: string;
};

const startPushResponse = {
  environmentVariables: {},
  externalDepsId: null,
  componentDefinitionPackages: {},
  appAuth: [],
  analysis: {
    "": {
      definition: {
        path: "",
        definitionType: { type: "app" },
        childComponents: [],
        httpMounts: {},
        exports: { type: "branch", branch: [] },
        envVars: null,
      },
      schema: null,
      functions: {},
      udfConfig: {
        serverVersion: convexVersion,
        importPhaseRngSeed: null,
        importPhaseUnixTimestamp: null,
      },
    },
  },
  app: {
    definitionPath: "",
    componentPath: "",
    args: {},
    childComponents: {},
    httpRoutes: { httpModuleRoutes: null, mounts: [] },
    exports: {},
  },
  schemaChange: { allocatedComponentIds: null, schemaIds: null },
};

const fakeDeployment = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const body =
      req.url === "/api/get_config_hashes"
        ? {
            config: { functions: "convex/" },
            moduleHashes: [],
            nodeDependencies: [],
            udfServerVersion: null,
          }
        : req.url === "/api/deploy2/start_push"
          ? startPushResponse
          : null;
    res.writeHead(body === null ? 404 : 200, { "content-type": "application/json" });
    res.end(
      JSON.stringify(body ?? { code: "NotFound", message: `fake deployment: no ${req.url}` }),
    );
  });
});

function snapshot(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]));
}

async function runCodegen(cwd: string, url: string): Promise<void> {
  const env = { ...process.env };
  // A configured hosted deployment must not be used (or required) for offline codegen.
  delete env.CONVEX_DEPLOYMENT;
  delete env.CONVEX_DEPLOY_KEY;
  const child = spawn(
    join(packageDir, "node_modules", ".bin", "convex"),
    ["codegen", "--url", url, "--admin-key", "offline-codegen", "--typecheck", "disable"],
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

await new Promise<void>((resolve) => fakeDeployment.listen(0, "127.0.0.1", resolve));
const { port } = fakeDeployment.address() as AddressInfo;
const url = `http://127.0.0.1:${port}`;
try {
  if (!check) {
    await runCodegen(packageDir, url);
    console.log("Regenerated convex/_generated.");
  } else {
    const scratch = scratchCopy();
    try {
      await runCodegen(scratch, url);
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
  fakeDeployment.close();
}
