// A real local Convex backend (the project's convex/ functions, in memory, on an ephemeral port) for the server code
// under test, and an HTTP client to check what it really stored.
import type { ConvexLocal } from "@repo/convex-local";
import { startConvexLocal } from "@repo/convex-local";
import { ConvexHttpClient } from "convex/browser";

export interface TestBackend {
  url: string;
  convex: ConvexHttpClient;
  stop(): Promise<void>;
}

export async function startBackend(): Promise<TestBackend> {
  const local: ConvexLocal = await startConvexLocal({
    port: 0,
    sitePort: 0,
    dataDir: null,
    // No test signs in, so the issuer is never contacted.
    env: { CLERK_JWT_ISSUER_DOMAIN: "http://127.0.0.1:9" },
    logs: false,
  });
  return { url: local.url, convex: new ConvexHttpClient(local.url), stop: () => local.stop() };
}
