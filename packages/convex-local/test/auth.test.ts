// Token edge cases, judged through the real clients: an empty subject is refused, and an issuer written with or
// without a trailing slash is one provider and one identity.
import { makeFunctionReference } from "convex/server";
import { describe, expect, it } from "vitest";

import { authenticate, httpClient, useBackend, wsClient } from "./support";

const me = makeFunctionReference<"query">("users:me");
const store = makeFunctionReference<"mutation", Record<string, never>, string>("users:store");

const server = useBackend();

describe("token edge cases", () => {
  it("refuses a token whose sub is empty, over HTTP and WebSocket", async () => {
    const token = await server.issuer.sign({ sub: "" });
    await expect(httpClient(server.backend.url, token).query(me, {})).rejects.toThrow(
      /sub\W+ claim must be a non-empty string/,
    );
    const client = wsClient(server.backend.url);
    expect(await authenticate(client, token)).toBe(false);
    await client.close();
  });

  it("gives one identity whether the issuer has a trailing slash or not", async () => {
    const plain = await server.issuer.sign({ sub: "slashy" });
    const slashed = await server.issuer.sign(
      { sub: "slashy" },
      { issuer: `${server.issuer.url}/` },
    );
    const firstId = await httpClient(server.backend.url, plain).mutation(store, {});
    const secondId = await httpClient(server.backend.url, slashed).mutation(store, {});
    expect(secondId).toBe(firstId);
    const user = (await httpClient(server.backend.url, slashed).query(me, {})) as {
      tokenIdentifier: string;
    } | null;
    expect(user?.tokenIdentifier).toBe(`${server.issuer.url}|slashy`);
  });
});
