// Clients that misbehave, on purpose or not: malformed frames, shared session ids, mutations that write nothing.
// Each case is judged by what a well-behaved real ConvexClient still gets afterwards.
import { makeFunctionReference } from "convex/server";
import { describe, expect, it } from "vitest";

import { SYNC_LIMITS } from "../src/sync";
import {
  authenticate,
  httpClient,
  rawSocket,
  sendConnect,
  useBackend,
  waitFor,
  wsClient,
} from "./support";

const counterGet = makeFunctionReference<"query">("counter:get");
const increment = makeFunctionReference<"mutation">("counter:increment");
const store = makeFunctionReference<"mutation", Record<string, never>, string>("users:store");

const server = useBackend();

/** A real client still reads, writes and sees its writes live. */
async function stillServes(counterName: string): Promise<void> {
  const client = wsClient(server.backend.url);
  const seen = waitFor<number>(
    (cb) => client.onUpdate(counterGet, { counterName }, cb),
    (value) => value === 2,
  );
  await client.mutation(increment, { counterName, by: 2 });
  await expect(seen).resolves.toBe(2);
  await client.close();
}

describe("malformed frames", () => {
  const add = (fields: Record<string, unknown>) => ({
    type: "ModifyQuerySet",
    baseVersion: 0,
    newVersion: 1,
    modifications: [{ type: "Add", queryId: 0, udfPath: "counter:get", args: [{}], ...fields }],
  });
  const frames: [string, unknown, RegExp][] = [
    [
      "a null modification",
      { type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [null] },
      /modifications\[0\]/,
    ],
    ["a numeric udfPath", add({ udfPath: 42 }), /udfPath/],
    ["an Add without args", add({ args: undefined }), /args/],
    ["args that are not one object", add({ args: [1, 2] }), /args/],
    ["a negative queryId", add({ queryId: -1 }), /queryId/],
    [
      "a Mutation with args as a string",
      { type: "Mutation", requestId: 1, udfPath: "counter:increment", args: "x" },
      /args/,
    ],
    [
      "an Action with a fractional requestId",
      { type: "Action", requestId: 1.5, udfPath: "summaries:compute", args: [{}] },
      /requestId/,
    ],
    [
      "an Authenticate without value",
      { type: "Authenticate", tokenType: "User", baseVersion: 0 },
      /value/,
    ],
    ["an array", [], /object/],
    ["an unknown type", { type: "Hello" }, /type/],
  ];
  it.each(frames)("answers %s with FatalError on that socket only", async (_name, frame, error) => {
    const bystander = await rawSocket(server.backend.url);
    sendConnect(bystander.socket);
    const { socket, next, closed } = await rawSocket(server.backend.url);
    sendConnect(socket);
    socket.send(JSON.stringify(frame));
    const fatal = await next("FatalError");
    expect(fatal.error).toMatch(error);
    await expect(closed).resolves.toBe(1008);
    expect(bystander.socket.readyState).toBe(bystander.socket.OPEN);
    bystander.socket.close();
    await stillServes(`after-${_name}`);
  });
});

describe("per-connection limits", () => {
  it("cuts off a socket with more messages in flight than the limit, naming it", async () => {
    const { socket, next, closed } = await rawSocket(server.backend.url);
    sendConnect(socket);
    // Token checks wait on async crypto, so frames sent in one go pile up faster than they are handled. (A
    // forged token is refused with AuthError and leaves the identity version at 0: every frame stays valid.)
    const frame = JSON.stringify({
      type: "Authenticate",
      tokenType: "User",
      value: await server.issuer.forge({ sub: "in-flight" }),
      baseVersion: 0,
    });
    for (let i = 0; i < 3 * SYNC_LIMITS.inFlightPerConnection; i++) socket.send(frame);
    await expect(next("FatalError")).resolves.toMatchObject({
      error: expect.stringMatching(/inFlightPerConnection/) as unknown,
    });
    await expect(closed).resolves.toBe(1008);
    await stillServes("after-in-flight");
  });
});

describe("total connections", () => {
  it("refuses connections over the limit with a FatalError naming it, and serves again once some close", async () => {
    const open = await Promise.all(
      Array.from({ length: SYNC_LIMITS.connections }, () => rawSocket(server.backend.url)),
    );
    const refused = await rawSocket(server.backend.url);
    await expect(refused.next("FatalError")).resolves.toMatchObject({
      error: expect.stringMatching(/\(connections\)/) as unknown,
    });
    await expect(refused.closed).resolves.toBe(1008);
    await Promise.all(
      open.map(({ socket, closed }) => {
        socket.close();
        return closed;
      }),
    );
    await stillServes("after-connections");
  });
});

describe("mutation de-duplication", () => {
  it("never answers one call with another call's result when two sockets share a session id", async () => {
    const sessionId = crypto.randomUUID();
    const send = async (counterName: string) => {
      const { socket, next } = await rawSocket(server.backend.url);
      sendConnect(socket, sessionId);
      socket.send(
        JSON.stringify({
          type: "Mutation",
          requestId: 0,
          udfPath: "counter:increment",
          args: [{ counterName, by: 3 }],
        }),
      );
      const response = await next("MutationResponse");
      socket.close();
      return response;
    };
    await expect(send("shared-a")).resolves.toMatchObject({ success: true, result: 3 });
    await expect(send("shared-b")).resolves.toMatchObject({ success: true, result: 3 });
    const http = httpClient(server.backend.url);
    await expect(http.query(counterGet, { counterName: "shared-a" })).resolves.toBe(3);
    await expect(http.query(counterGet, { counterName: "shared-b" })).resolves.toBe(3);
  });

  it("runs a same-path re-send under another identity instead of replaying the first", async () => {
    const sessionId = crypto.randomUUID();
    const tokens = [
      await server.issuer.sign({ sub: "dedupe-alice", name: "Alice" }),
      await server.issuer.sign({ sub: "dedupe-bob", name: "Bob" }),
    ];
    const ids: unknown[] = [];
    for (const token of tokens) {
      const { socket, next } = await rawSocket(server.backend.url);
      sendConnect(socket, sessionId);
      socket.send(
        JSON.stringify({ type: "Authenticate", tokenType: "User", value: token, baseVersion: 0 }),
      );
      socket.send(
        JSON.stringify({ type: "Mutation", requestId: 0, udfPath: "users:store", args: [{}] }),
      );
      const response = await next("MutationResponse");
      expect(response.success).toBe(true);
      ids.push(response.result);
      socket.close();
    }
    expect(ids[0]).not.toEqual(ids[1]);
  });
});

describe("mutations that write nothing", () => {
  it("resolve over WebSocket without waiting for another write", async () => {
    const client = wsClient(server.backend.url);
    expect(
      await authenticate(client, await server.issuer.sign({ sub: "idle", name: "Idle" })),
    ).toBe(true);
    const first = await client.mutation(store, {});
    // The row exists and the name is unchanged: this call only reads.
    const started = performance.now();
    const second = await Promise.race([
      client.mutation(store, {}),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("no-write mutation did not resolve in 500 ms")), 500),
      ),
    ]);
    expect(second).toBe(first);
    expect(performance.now() - started).toBeLessThan(500);
    await client.close();
  });
});
