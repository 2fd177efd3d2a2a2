// WebSocket sync, judged by the real ConvexClient (the engine under ConvexReactClient), plus raw frames for edge cases.
import { makeFunctionReference } from "convex/server";
import { ConvexError } from "convex/values";
import { describe, expect, it } from "vitest";

import {
  addCounterQuery,
  authenticate,
  httpClient,
  rawSocket,
  sendConnect,
  useBackend,
  waitFor,
  wsClient,
} from "./support";

const list = makeFunctionReference<"query">("tasks:list");
const mine = makeFunctionReference<"query">("tasks:mine");
const me = makeFunctionReference<"query">("users:me");
const create = makeFunctionReference<"mutation">("tasks:create");
const store = makeFunctionReference<"mutation">("users:store");
const counterGet = makeFunctionReference<"query">("counter:get");
const increment = makeFunctionReference<"mutation">("counter:increment");
const compute = makeFunctionReference<"action">("summaries:compute");
const request = makeFunctionReference<"mutation">("summaries:request");
const latest = makeFunctionReference<"query">("summaries:latest");

interface Task {
  text: string;
}

const server = useBackend();

describe("live queries", () => {
  it("push every write to subscribers, from WebSocket and HTTP alike", async () => {
    const watcher = wsClient(server.backend.url);
    const writer = wsClient(server.backend.url);
    const seen = waitFor<Task[]>(
      (cb) => watcher.onUpdate(list, { list: "live" }, cb),
      (tasks) => tasks.length === 2,
    );
    await writer.mutation(create, { text: "one", list: "live" });
    await httpClient(server.backend.url).mutation(create, { text: "two", list: "live" });
    expect((await seen).map((task) => task.text)).toEqual(["one", "two"]);
    await Promise.all([watcher.close(), writer.close()]);
  });

  it("resolves a mutation only with a state that already contains its effect", async () => {
    const client = wsClient(server.backend.url);
    const values: number[] = [];
    const unsubscribe = client.onUpdate(counterGet, { counterName: "resolve" }, (value: number) =>
      values.push(value),
    );
    await client.mutation(increment, { counterName: "resolve", by: 5 });
    // When `await mutation` returns, the subscription has already been given the new value.
    expect(values.at(-1)).toBe(5);
    unsubscribe();
    await client.close();
  });

  it("updates subscribers when a scheduled function writes", async () => {
    const client = wsClient(server.backend.url);
    await client.mutation(create, { text: "summarize me", list: "scheduled" });
    const summary = waitFor<{ total: number } | null>(
      (cb) => client.onUpdate(latest, { list: "scheduled" }, cb),
      (value) => value?.total === 1,
    );
    await client.mutation(request, { list: "scheduled" });
    await expect(summary).resolves.toMatchObject({ total: 1 });
    await client.close();
  });

  it("runs actions and reports ConvexError from mutations with data", async () => {
    const client = wsClient(server.backend.url);
    await expect(client.action(compute, { list: "scheduled" })).resolves.toMatchObject({
      total: 1,
    });
    const error: unknown = await client
      .mutation(create, { text: "", list: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConvexError);
    expect((error as ConvexError<string>).data).toBe("Task text must not be empty.");
    await expect(
      client.query(makeFunctionReference<"query">("summaries:stats"), { list: "x" }),
    ).rejects.toThrow(/Could not find public function/);
    await client.close();
  });
});

describe("authentication", () => {
  it("confirms a valid token and gives queries the identity (tokenIdentifier = iss|sub)", async () => {
    const client = wsClient(server.backend.url);
    expect(
      await authenticate(client, await server.issuer.sign({ sub: "alice", name: "Alice" })),
    ).toBe(true);
    await client.mutation(store, {});
    const user = (await client.query(me, {})) as { tokenIdentifier: string; name: string } | null;
    expect(user).toMatchObject({ tokenIdentifier: `${server.issuer.url}|alice`, name: "Alice" });
    await client.close();
  });

  it("keeps private tasks private between two users", async () => {
    const alice = wsClient(server.backend.url);
    const bob = wsClient(server.backend.url);
    await authenticate(alice, await server.issuer.sign({ sub: "alice-2" }));
    await authenticate(bob, await server.issuer.sign({ sub: "bob-2" }));
    await alice.mutation(create, { text: "alice's secret" });
    await expect(alice.query(mine, {})).resolves.toMatchObject([{ text: "alice's secret" }]);
    await expect(bob.query(mine, {})).resolves.toEqual([]);
    await Promise.all([alice.close(), bob.close()]);
  });

  it("takes refreshed tokens before the old one expires", async () => {
    const client = wsClient(server.backend.url);
    let fetches = 0;
    const confirmed = new Promise<boolean>((resolve) => {
      // 12 s tokens: the client refetches 10 s before expiry, i.e. after about 2 s.
      client.setAuth(async () => {
        fetches++;
        return await server.issuer.sign({ sub: "refresher" }, { expiresIn: "12s" });
      }, resolve);
    });
    expect(await confirmed).toBe(true);
    const atConfirmation = fetches;
    await expect
      .poll(() => fetches, { timeout: 8_000, interval: 200 })
      .toBeGreaterThan(atConfirmation);
    await client.mutation(create, { text: "after refresh" });
    await expect(client.query(mine, {})).resolves.toMatchObject([{ text: "after refresh" }]);
    await client.close();
  });

  const rejected: [string, () => Promise<string>][] = [
    ["a bad signature", () => server.issuer.forge({ sub: "mallory" })],
    ["the wrong server.issuer", () => server.issuer.sign({}, { issuer: "http://127.0.0.1:1" })],
    ["the wrong audience", () => server.issuer.sign({}, { audience: "not-convex" })],
    [
      "an expired token",
      () => server.issuer.sign({}, { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
    ],
    [
      "alg none",
      () => {
        const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
        const exp = Math.floor(Date.now() / 1000) + 3600;
        return Promise.resolve(
          `${encode({ alg: "none", typ: "JWT" })}.${encode({ iss: server.issuer.url, aud: "convex", sub: "x", exp })}.`,
        );
      },
    ],
  ];
  it.each(rejected)("rejects %s and leaves the client signed out", async (_name, makeToken) => {
    const client = wsClient(server.backend.url);
    expect(await authenticate(client, await makeToken())).toBe(false);
    await expect(client.query(mine, {})).resolves.toEqual([]);
    await client.close();
  });
});

describe("protocol edges", () => {
  it("sends nothing before the client speaks, even while other clients' writes are flushed", async () => {
    // Regression: a Transition sent before Connect is applied by a client still paused for auth (expectAuth) and
    // then thrown away when it resets its query state on resume, so every later Transition fails its start-version
    // check and the page never receives data.
    const { socket, messages, next } = await rawSocket(server.backend.url);
    const watcher = wsClient(server.backend.url);
    const seen = waitFor<unknown>(
      (callback) => watcher.onUpdate(counterGet, { counterName: "before-connect" }, callback),
      (value) => value === 3,
    );
    const http = httpClient(server.backend.url);
    for (let i = 0; i < 3; i++) await http.mutation(increment, { counterName: "before-connect" });
    await seen;
    expect(messages).toEqual([]);

    sendConnect(socket);
    socket.send(
      JSON.stringify({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [] }),
    );
    const transition = await next("Transition");
    expect(transition.startVersion).toEqual({ querySet: 0, identity: 0, ts: "AAAAAAAAAAA=" });
    socket.close();
    await watcher.close();
  });

  it("serves a client that subscribes without Connect (convex 1.48 resuming an auth-paused socket)", async () => {
    const { socket, next } = await rawSocket(server.backend.url);
    addCounterQuery(socket, 0, "no-connect");
    const transition = await next("Transition");
    expect(transition.startVersion).toEqual({ querySet: 0, identity: 0, ts: "AAAAAAAAAAA=" });
    expect(transition.modifications).toMatchObject([
      { type: "QueryUpdated", queryId: 0, value: 0 },
    ]);
    socket.close();
  });

  it("chains Transition versions from zero and includes added queries", async () => {
    const { socket, next } = await rawSocket(server.backend.url);
    sendConnect(socket);
    addCounterQuery(socket, 7, "raw");
    const transition = await next("Transition");
    expect(transition.startVersion).toEqual({ querySet: 0, identity: 0, ts: "AAAAAAAAAAA=" });
    expect(transition.endVersion).toMatchObject({ querySet: 1, identity: 0 });
    expect(transition.modifications).toEqual([
      { type: "QueryUpdated", queryId: 7, value: 0, logLines: [], journal: null },
    ]);
    socket.close();
  });

  it("answers malformed frames with FatalError", async () => {
    const { socket, next } = await rawSocket(server.backend.url);
    socket.send("{nope");
    await expect(next("FatalError")).resolves.toMatchObject({
      error: "Malformed message: not JSON.",
    });
    socket.close();
  });

  it("runs a mutation re-sent after a reconnect only once", async () => {
    const sessionId = crypto.randomUUID();
    const mutation = {
      type: "Mutation",
      requestId: 1,
      udfPath: "counter:increment",
      args: [{ counterName: "dedupe" }],
    };
    for (const connectionCount of [0, 1]) {
      const { socket, next } = await rawSocket(server.backend.url);
      socket.send(
        JSON.stringify({ type: "Connect", sessionId, connectionCount, lastCloseReason: null }),
      );
      socket.send(JSON.stringify(mutation));
      await expect(next("MutationResponse")).resolves.toMatchObject({ success: true, result: 1 });
      socket.close();
    }
    await expect(
      httpClient(server.backend.url).query(counterGet, { counterName: "dedupe" }),
    ).resolves.toBe(1);
  });

  it("keeps working across a dropped connection (the client reconnects and resubscribes)", async () => {
    const client = wsClient(server.backend.url);
    await waitFor<number>(
      (cb) => client.onUpdate(counterGet, { counterName: "drop" }, cb),
      (v) => v === 0,
    );
    const after = waitFor<number>(
      (cb) => client.onUpdate(counterGet, { counterName: "drop" }, cb),
      (v) => v === 2,
    );
    // Kill every server-side socket: the client must reconnect on its own.
    server.backend.dropConnections();
    await httpClient(server.backend.url).mutation(increment, { counterName: "drop", by: 2 });
    await expect(after).resolves.toBe(2);
    await client.close();
  });
});
