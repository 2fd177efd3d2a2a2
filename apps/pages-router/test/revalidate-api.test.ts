// The API route Convex calls after a public write, over real HTTP through Next's own API-route resolver: with the
// shared secret it regenerates the ISR pages showing the list (res.revalidate, observed through the resolver's
// internalRevalidate hook, which `next start` wires to its router); a missing or wrong secret gets 401 and bad
// input a 4xx, and neither regenerates anything.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { apiResolver } from "next/dist/server/api-utils/node/api-resolver.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import {
  AUTHORIZED_HEADERS,
  REVALIDATE_REFUSALS,
  TEST_SECRET,
} from "../../../convex/test/revalidate-http-cases";

const secret = vi.hoisted(() => ({ value: undefined as string | undefined }));
vi.mock("../env", () => ({
  env: {
    get revalidateSecret() {
      return secret.value;
    },
  },
}));

const route = await import("../pages/api/revalidate");

const regenerated: string[] = [];
const server = createServer((req, res) => {
  void apiResolver(
    req,
    res,
    {},
    route,
    {
      previewModeId: "preview-id",
      previewModeEncryptionKey: "",
      previewModeSigningKey: "",
      dev: false,
      internalRevalidate: ({ urlPath }: { urlPath: string }) => {
        regenerated.push(urlPath);
        return Promise.resolve();
      },
    },
    false,
    false,
    "/api/revalidate",
  );
});

let endpoint = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/revalidate`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  secret.value = TEST_SECRET;
  regenerated.length = 0;
});

async function call(method: string, headers: Record<string, string>, body?: string) {
  const response = await fetch(endpoint, { method, headers, body });
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as unknown,
  };
}

describe("POST /api/revalidate", () => {
  it("regenerates /cached for the list it shows, with the right secret", async () => {
    expect(await call("POST", AUTHORIZED_HEADERS, JSON.stringify({ list: "demo" }))).toMatchObject({
      status: 200,
      json: { revalidated: { tags: [], paths: ["/cached"] } },
    });
    // Twice: see the route (a regeneration already in flight may predate the write).
    expect(regenerated).toEqual(["/cached", "/cached"]);
  });

  it("regenerates nothing for a list no cached page shows", async () => {
    expect(await call("POST", AUTHORIZED_HEADERS, JSON.stringify({ list: "other" }))).toMatchObject(
      {
        status: 200,
        json: { revalidated: { tags: [], paths: [] } },
      },
    );
    expect(regenerated).toEqual([]);
  });

  it.each(REVALIDATE_REFUSALS.map((c) => [c.name, c] as const))(
    "refuses %s and regenerates nothing",
    async (_name, refusal) => {
      const response = await call("POST", refusal.headers, refusal.body);
      expect(response.status).toBe(refusal.status);
      expect(response.json).toEqual({ error: refusal.error });
      if (refusal.status === 401) expect(response.headers.get("www-authenticate")).toBe("Bearer");
      expect(regenerated).toEqual([]);
    },
  );

  it("refuses everything when the app has no secret configured", async () => {
    secret.value = undefined;
    const response = await call("POST", AUTHORIZED_HEADERS, JSON.stringify({ list: "demo" }));
    expect(response.status).toBe(401);
    expect(regenerated).toEqual([]);
  });

  it("answers other methods with 405 and Allow: POST", async () => {
    const response = await call("GET", {});
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });
});
