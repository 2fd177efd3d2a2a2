// A real convex-local backend (the project's convex/ functions, in memory, ephemeral ports) and real clients.
import type { ConvexLocal } from "@repo/convex-local";
import { startConvexLocal } from "@repo/convex-local";
import type { Issuer } from "@repo/convex-local/testing";
import { startIssuer } from "@repo/convex-local/testing";
import { ConvexHttpClient } from "convex/browser";
import { ConvexReactClient } from "convex/react";
import WebSocket from "ws";

export interface TestBackend {
  url: string;
  issuer: Issuer;
  /** A ConvexReactClient over `ws` (Node's WebSocket), closed by `stop()`. */
  reactClient(): ConvexReactClient;
  /** A one-shot HTTP client, to check what the server really stored. */
  http(token?: string): ConvexHttpClient;
  stop(): Promise<void>;
}

export async function startBackend(): Promise<TestBackend> {
  const issuer = await startIssuer();
  let local: ConvexLocal;
  try {
    local = await startConvexLocal({
      port: 0,
      sitePort: 0,
      dataDir: null,
      env: { CLERK_JWT_ISSUER_DOMAIN: issuer.url },
      logs: false,
    });
  } catch (error) {
    await issuer.stop();
    throw error;
  }
  const clients: ConvexReactClient[] = [];
  return {
    url: local.url,
    issuer,
    reactClient() {
      const client = new ConvexReactClient(local.url, {
        webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
        unsavedChangesWarning: false,
      });
      clients.push(client);
      return client;
    },
    http(token) {
      const client = new ConvexHttpClient(local.url);
      if (token !== undefined) client.setAuth(token);
      return client;
    },
    async stop() {
      await Promise.all(clients.map((client) => client.close()));
      await local.stop();
      await issuer.stop();
    },
  };
}

/** A list/counter name no other test uses, so tests sharing a backend never see each other's data. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}
