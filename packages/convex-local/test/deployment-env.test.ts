// Regression: what functions and auth.config.ts see as process.env is the deployment's env (what the starter
// passes, `npx convex env set`, CONVEX_CLOUD_URL/SITE_URL), never the shell's. A CLERK_JWT_ISSUER_DOMAIN left in
// a developer's shell made an Auth0 stack's backend trust that Clerk issuer too.
import { fileURLToPath } from "node:url";

import { ConvexClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterEach, describe, expect, it } from "vitest";

import { startConvexLocal } from "../src/index";

const cliApp = fileURLToPath(new URL("fixtures/cli-app/convex", import.meta.url));
const shellVars = {
  CLERK_JWT_ISSUER_DOMAIN: "http://127.0.0.1:1/shell-clerk",
  SHELL_ONLY_SECRET: "from-the-shell",
};
// This test plays the developer's shell: it sets the host process's env and puts it back after.
const hostEnv = process.env;
afterEach(() => {
  for (const name of Object.keys(shellVars)) delete hostEnv[name];
});

async function functionEnv(url: string, names: string[]): Promise<unknown> {
  const response = await fetch(`${url}/api/query`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ path: "deployment:env", args: [{ names }] }),
  });
  return ((await response.json()) as { value: unknown }).value;
}

/** A backend started from the developer's shell (shellVars set), with FROM_STACK passed by its starter. */
function startInShell() {
  Object.assign(hostEnv, shellVars);
  return startConvexLocal({
    port: 0,
    sitePort: 0,
    dataDir: null,
    functionsDir: cliApp,
    env: { FROM_STACK: "stack" },
    logs: false,
  });
}

describe("deployment env", () => {
  it("functions see the deployment's variables and URLs, not the host's env", async () => {
    const local = await startInShell();
    try {
      expect(
        await functionEnv(local.url, [
          "SHELL_ONLY_SECRET",
          "CLERK_JWT_ISSUER_DOMAIN",
          "PATH",
          "FROM_STACK",
          "CONVEX_CLOUD_URL",
          "CONVEX_SITE_URL",
        ]),
      ).toEqual({
        SHELL_ONLY_SECRET: null,
        CLERK_JWT_ISSUER_DOMAIN: null,
        PATH: null,
        FROM_STACK: "stack",
        CONVEX_CLOUD_URL: local.url,
        CONVEX_SITE_URL: local.siteUrl,
      });
      // Nor does the deployment's env leak into the host's.
      expect(hostEnv.FROM_STACK).toBeUndefined();
      expect(hostEnv.SHELL_ONLY_SECRET).toBe("from-the-shell");
    } finally {
      await local.stop();
    }
  });

  // Regression: a function called over the WebSocket (ConvexReactClient, ConvexClient) read the host's env, since a
  // socket's message events do not run in the async context its handlers were registered in. Scheduled functions
  // inherit the caller's env, so the cached pages' revalidation, scheduled from a browser's mutation, saw no secret.
  it("functions called over the sync WebSocket see the deployment's variables too", async () => {
    const local = await startInShell();
    const client = new ConvexClient(local.url);
    try {
      const names = ["FROM_STACK", "SHELL_ONLY_SECRET"];
      expect(
        await client.query(makeFunctionReference<"query">("deployment:env"), { names }),
      ).toEqual({
        FROM_STACK: "stack",
        SHELL_ONLY_SECRET: null,
      });
    } finally {
      await client.close();
      await local.stop();
    }
  });

  it("an Auth0 stack's auth.config.ts does not pick up a Clerk issuer from the shell", async () => {
    Object.assign(hostEnv, shellVars);
    const local = await startConvexLocal({
      port: 0,
      sitePort: 0,
      dataDir: null,
      env: { AUTH0_DOMAIN: "http://127.0.0.1:2/auth0", AUTH0_CLIENT_ID: "client" },
      logs: false,
    });
    try {
      expect(local.authProviders.join(" ")).toContain("127.0.0.1:2/auth0");
      expect(local.authProviders.join(" ")).not.toContain("shell-clerk");
    } finally {
      await local.stop();
    }
  });
});
