// A real convex-local backend for other packages' tests: the project's convex/ functions, in memory, on ephemeral
// ports, trusting a test issuer whose tokens the tests sign.
import { ConvexHttpClient } from "convex/browser";

import { startConvexLocal } from "../server";
import type { Issuer } from "./issuer";
import { startIssuer } from "./issuer";

export interface TestBackend {
  url: string;
  issuer: Issuer;
  /** A one-shot HTTP client, to check what the server really stored. */
  http(token?: string): ConvexHttpClient;
  stop(): Promise<void>;
}

export async function startBackend(): Promise<TestBackend> {
  const issuer = await startIssuer();
  try {
    const local = await startConvexLocal({
      port: 0,
      sitePort: 0,
      dataDir: null,
      env: { CLERK_JWT_ISSUER_DOMAIN: issuer.url },
      logs: false,
    });
    return {
      url: local.url,
      issuer,
      http(token) {
        const client = new ConvexHttpClient(local.url);
        if (token !== undefined) client.setAuth(token);
        return client;
      },
      async stop() {
        await local.stop();
        await issuer.stop();
      },
    };
  } catch (error) {
    await issuer.stop();
    throw error;
  }
}

/** A list/counter name no other test uses, so tests sharing a backend never see each other's data. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}
