// A real local Convex backend (the project's convex/ functions, in memory, on an ephemeral port) for the server code
// under test, and an HTTP client to check what it really stored.
import type { ConvexLocal } from "@repo/convex-local";
import { startConvexLocal } from "@repo/convex-local";
import type { Issuer } from "@repo/convex-local/testing";
import { startIssuer } from "@repo/convex-local/testing";
import { ConvexHttpClient } from "convex/browser";

export interface TestBackend {
  url: string;
  convex: ConvexHttpClient;
  /** Signs the tokens of users the tests act as (the backend trusts it as the Clerk issuer). */
  issuer: Issuer;
  stop(): Promise<void>;
}

export async function startBackend(): Promise<TestBackend> {
  const issuer = await startIssuer();
  const local: ConvexLocal = await startConvexLocal({
    port: 0,
    sitePort: 0,
    dataDir: null,
    env: { CLERK_JWT_ISSUER_DOMAIN: issuer.url },
    logs: false,
  });
  return {
    url: local.url,
    convex: new ConvexHttpClient(local.url),
    issuer,
    stop: async () => {
      await local.stop();
      await issuer.stop();
    },
  };
}
