// convex-local's test backend, plus ConvexReactClients over `ws` (Node's WebSocket) that stop() closes.
import type { TestBackend as CoreBackend } from "@repo/convex-local/testing";
import { startBackend as startCore } from "@repo/convex-local/testing";
import { ConvexReactClient } from "convex/react";
import WebSocket from "ws";

export { uniqueName } from "@repo/convex-local/testing";

export interface TestBackend extends CoreBackend {
  reactClient(): ConvexReactClient;
}

export async function startBackend(): Promise<TestBackend> {
  const core = await startCore();
  const clients: ConvexReactClient[] = [];
  return {
    ...core,
    reactClient() {
      const client = new ConvexReactClient(core.url, {
        webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
        unsavedChangesWarning: false,
      });
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(clients.map((client) => client.close()));
      await core.stop();
    },
  };
}
