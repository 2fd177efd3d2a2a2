// Property-based fuzzing of the sync endpoint over real sockets: generated protocol-correct sessions of every
// client message type (and mutations whose arguments hold a malformed value: a failed call, not a dropped socket),
// the same sessions with one field corrupted, raw garbage, invalid UTF-8, binary and
// oversized frames. Afterwards the server must still be up and serve a real ConvexClient live, correct results.
// Bounded: FUZZ_RUNS sessions (default 4000, about 20,000 frames in 10 s here; at most 10,000) or 30 s, whichever
// comes first; FUZZ_SEED replays
// a failure (fast-check prints the seed and the shrunk counterexample).
import { makeFunctionReference } from "convex/server";
import fc from "fast-check";
import { expect, it } from "vitest";
import type WebSocket from "ws";

import { MAX_BODY_BYTES } from "../src/http";
import { PROTOCOL_LIMITS } from "../src/sync-protocol";
import { badArgs } from "./bad-values";
import type { RawSocket } from "./support";
import {
  httpClient,
  rawSocket,
  sendConnect,
  useSpawnedBackend,
  waitFor,
  wsClient,
} from "./support";

const RUNS = Math.min(Number(process.env.FUZZ_RUNS ?? 4000), 10_000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
/** The generated sessions stop after this long even if FUZZ_RUNS are not done. */
const FUZZ_TIME_MS = 30_000;
/** The request id of the last frame of every session: its answer says every earlier frame was handled. */
const BARRIER = PROTOCOL_LIMITS.maxId;
/** Request ids of mutations whose arguments hold a malformed value: each must fail as a call, not end the socket. */
const BAD_VALUE_IDS = { min: BARRIER - 1000, max: BARRIER - 1 };

const counterGet = makeFunctionReference<"query">("counter:get");
const increment = makeFunctionReference<"mutation">("counter:increment");

// Its own process: a crash would end it, which an in-process server inside the test runner would survive.
const server = useSpawnedBackend();

type Frame = Record<string, unknown>;

/** Function paths: real public ones, internal ones, and nonsense. */
const udfPath = fc.oneof(
  fc.constantFrom(
    "counter:get",
    "counter:increment",
    "tasks:list",
    "tasks:create",
    "users:me",
    "users:store",
    "summaries:stats",
    "summaries:compute",
  ),
  fc.string({ minLength: 1, maxLength: 40 }),
);
/** Arguments as the client sends them: a one-element array holding an object. */
const args = fc
  .oneof(
    fc.record({ counterName: fc.string({ maxLength: 20 }) }),
    fc.record({ list: fc.string({ maxLength: 20 }), text: fc.string({ maxLength: 20 }) }),
    // Any JSON object Convex accepts (field names starting with "$" are reserved).
    fc
      .dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
      .filter((value) => !JSON.stringify(value).includes('"$')),
  )
  .map((value) => [value]);

/** What one step of a well-behaved session does; turned into frames that respect the session's versions. */
const intent = fc.oneof(
  fc.record({
    kind: fc.constant("add" as const),
    udfPath,
    args,
    count: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constantFrom("Mutation" as const, "Action" as const),
    udfPath,
    args,
    requestId: fc.integer({ min: 0, max: BAD_VALUE_IDS.min - 1 }),
  }),
  fc.record({
    kind: fc.constant("badValue" as const),
    args: badArgs.map((text) => [JSON.parse(text) as unknown]),
    requestId: fc.integer(BAD_VALUE_IDS),
  }),
  fc.record({
    kind: fc.constant("auth" as const),
    token: fc.option(fc.string({ minLength: 1, maxLength: 200 }), { nil: null }),
  }),
  fc.record({
    kind: fc.constant("event" as const),
    eventType: fc.string({ maxLength: 20 }),
    event: fc.jsonValue({ maxDepth: 2 }),
  }),
);

type Intent = typeof intent extends fc.Arbitrary<infer T> ? T : never;

/** Frames a correct client could send for these intents, versions chained as the real client does. */
function framesFor(sessionId: string, intents: Intent[]): Frame[] {
  let querySet = 0;
  let identity = 0;
  let nextQueryId = 0;
  const live: number[] = [];
  const frames: Frame[] = [
    { type: "Connect", sessionId, connectionCount: 0, lastCloseReason: null, clientTs: 1 },
  ];
  for (const step of intents) {
    switch (step.kind) {
      case "add": {
        const modifications = Array.from({ length: step.count }, () => {
          live.push(nextQueryId);
          return { type: "Add", queryId: nextQueryId++, udfPath: step.udfPath, args: step.args };
        });
        frames.push({
          type: "ModifyQuerySet",
          baseVersion: querySet,
          newVersion: ++querySet,
          modifications,
        });
        break;
      }
      case "remove": {
        if (live.length === 0) break;
        const [queryId] = live.splice(step.pick % live.length, 1);
        frames.push({
          type: "ModifyQuerySet",
          baseVersion: querySet,
          newVersion: ++querySet,
          modifications: [{ type: "Remove", queryId }],
        });
        break;
      }
      case "badValue":
        frames.push({
          type: "Mutation",
          requestId: step.requestId,
          udfPath: "counter:increment",
          args: step.args,
        });
        break;
      case "Mutation":
      case "Action":
        frames.push({
          type: step.kind,
          requestId: step.requestId,
          udfPath: step.udfPath,
          args: step.args,
        });
        break;
      case "auth":
        // Forged tokens are refused with AuthError (the identity version stays); "None" always succeeds.
        if (step.token === null)
          frames.push({ type: "Authenticate", tokenType: "None", baseVersion: identity++ });
        else
          frames.push({
            type: "Authenticate",
            tokenType: "User",
            value: step.token,
            baseVersion: identity,
          });
        break;
      case "event":
        frames.push({ type: "Event", eventType: step.eventType, event: step.event });
        break;
    }
  }
  return frames;
}

/** Every path into a frame (keys and array indexes), for corrupting one of them. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  return entries.flatMap(([key, item]) => [[...prefix, key], ...paths(item, [...prefix, key])]);
}

const corruption = fc.oneof(
  fc.constant({ delete: true as const }),
  fc.constantFrom<unknown>(null, -1, 1.5, 2 ** 53, 2 ** 32, "", [], {}, true, "x".repeat(70_000), [
    null,
  ]),
  fc.anything({ maxDepth: 2 }),
);

/** The frame with the value at `path` deleted or replaced. */
function corrupt(frame: Frame, path: (string | number)[], replacement: unknown): Frame {
  const copy = structuredClone(frame);
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1);
  if (last === undefined) return copy;
  if (typeof replacement === "object" && replacement !== null && "delete" in replacement)
    delete parent[last];
  else parent[last] = replacement;
  return copy;
}

const session = fc.record({
  intents: fc.array(intent, { minLength: 1, maxLength: 8 }),
  /** Which frame to corrupt and where; null leaves the session correct. */
  damage: fc.option(fc.record({ frame: fc.nat(), path: fc.nat(), with: corruption }), {
    nil: null,
    freq: 2,
  }),
  /** Raw text frames: JSON fragments and arbitrary strings. */
  garbage: fc.option(fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 3 })), {
    freq: 4,
  }),
});

/** Resolves when the socket closes or answers the barrier; returns the close code or null. */
async function settle(raw: RawSocket): Promise<number | null> {
  const answered = raw
    .next("MutationResponse")
    .then(async function untilBarrier(message): Promise<null> {
      return message.requestId === BARRIER
        ? null
        : untilBarrier(await raw.next("MutationResponse"));
    });
  return await Promise.race([answered, raw.closed]);
}

function send(socket: WebSocket, frame: Frame | string): void {
  socket.send(typeof frame === "string" ? frame : JSON.stringify(frame));
}

it(
  "survives generated and corrupted frames of every message type, then serves a real client",
  { timeout: FUZZ_TIME_MS + 45_000 },
  async () => {
    const bystander = await rawSocket(server.backend.url);
    sendConnect(bystander.socket);
    let fatal = 0;
    let badValues = 0;
    let sent = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(session, async ({ intents, damage, garbage }) => {
        runs++;
        const raw = await rawSocket(server.backend.url);
        let frames: (Frame | string)[] = framesFor(crypto.randomUUID(), intents);
        if (damage !== null) {
          const index = damage.frame % frames.length;
          const target = frames[index] as Frame;
          const all = paths(target);
          const path = all[damage.path % all.length] ?? [];
          frames[index] = corrupt(target, path, damage.with);
        }
        if (garbage !== null) frames = [...frames, garbage];
        frames.push({ type: "Mutation", requestId: BARRIER, udfPath: "fuzz:barrier", args: [{}] });
        for (const frame of frames) send(raw.socket, frame);
        sent += frames.length;
        const closedWith = await settle(raw);
        const fatalErrors = raw.messages.filter((message) => message.type === "FatalError");
        if (damage === null && garbage === null) {
          // A correct session is served to the end, never cut off.
          expect(fatalErrors).toEqual([]);
          expect(closedWith).toBeNull();
          // A malformed value fails its call with a message; the socket goes on.
          for (const message of raw.messages) {
            const requestId = message.requestId as number;
            if (message.type !== "MutationResponse" || requestId < BAD_VALUE_IDS.min) continue;
            if (requestId > BAD_VALUE_IDS.max) continue;
            expect(message).toMatchObject({
              success: false,
              result: expect.any(String) as unknown,
            });
            badValues++;
          }
        } else if (closedWith !== null) {
          // Cut off only with a FatalError saying why, and the protocol-error close code.
          expect(closedWith).toBe(1008);
          expect(fatalErrors).toHaveLength(1);
          expect(fatalErrors[0]?.error).toEqual(expect.any(String));
          fatal++;
        }
        raw.socket.close();
      }),
      {
        numRuns: RUNS,
        // Bounded in time too: a loaded machine (CI runs every package's tests at once) gets fewer runs, not a hang.
        interruptAfterTimeLimit: FUZZ_TIME_MS,
        markInterruptAsFailure: false,
        ...(SEED === undefined ? {} : { seed: SEED }),
      },
    );
    // Enough sessions ran to mean something, and corrupted ones were mostly caught (a few corruptions leave a frame
    // valid, e.g. a string for a string).
    expect(runs).toBeGreaterThanOrEqual(Math.min(RUNS, 200));
    expect(fatal).toBeGreaterThan(runs / 10);
    expect(sent).toBeGreaterThan(3 * runs);
    expect(badValues).toBeGreaterThan(runs / 20);

    // Frames no JSON client sends: invalid UTF-8 (1007), binary (FatalError, 1008), over the size limit (1009).
    const invalidUtf8 = await rawSocket(server.backend.url);
    invalidUtf8.socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    await expect(invalidUtf8.closed).resolves.toBe(1007);
    const binary = await rawSocket(server.backend.url);
    binary.socket.send(Buffer.from(JSON.stringify({ type: "Event", eventType: "x", event: 1 })), {
      binary: true,
    });
    await expect(binary.next("FatalError")).resolves.toMatchObject({
      error: expect.stringMatching(/Binary/) as unknown,
    });
    const huge = await rawSocket(server.backend.url);
    huge.socket.send(`"${"x".repeat(MAX_BODY_BYTES)}"`);
    // 1009 "message too big"; 1006 when the server drops the connection while this side is still sending.
    expect([1009, 1006]).toContain(await huge.closed);

    // The server is up, the bystander was never disturbed, and a real client gets live, correct results.
    expect(bystander.socket.readyState).toBe(bystander.socket.OPEN);
    expect(bystander.messages.filter((message) => message.type === "FatalError")).toEqual([]);
    const client = wsClient(server.backend.url);
    const live = waitFor<number>(
      (cb) => client.onUpdate(counterGet, { counterName: "after-fuzz" }, cb),
      (value) => value === 7,
    );
    await client.mutation(increment, { counterName: "after-fuzz", by: 3 });
    await httpClient(server.backend.url).mutation(increment, { counterName: "after-fuzz", by: 4 });
    await expect(live).resolves.toBe(7);
    await client.close();
    bystander.socket.close();
  },
);
