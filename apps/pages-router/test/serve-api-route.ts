// An API route module served as `next start` serves it, for tests over real HTTP: Next's own resolver reads the
// module's `config` (bodyParser), parses the query (a repeated parameter is an array) and adds res.status/json.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { apiResolver } from "next/dist/server/api-utils/node/api-resolver.js";

type RouteModule = Parameters<typeof apiResolver>[3];

export interface ServedRoute {
  /** The route's URL on 127.0.0.1. */
  url: string;
  close(): Promise<void>;
}

export async function serveApiRoute(route: RouteModule, page: string): Promise<ServedRoute> {
  const server = createServer((req, res) => {
    const params = new URL(req.url ?? "/", "http://localhost").searchParams;
    const query = Object.fromEntries(
      [...new Set(params.keys())].map((key) => {
        const values = params.getAll(key);
        return [key, values.length > 1 ? values : (values[0] ?? "")];
      }),
    );
    void apiResolver(
      req,
      res,
      query,
      route,
      { previewModeId: "", previewModeEncryptionKey: "", previewModeSigningKey: "", dev: false },
      false,
      false,
      page,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${page}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
