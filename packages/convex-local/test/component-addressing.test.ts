// Hostile component addressing, generated with fast-check: every way a caller names a component (WebSocket
// Query / Mutation / Action `componentPath`, the HTTP API's body on /api/query, mutation, action, function and
// run/…, the admin key's `run --component` and `_system/cli/tableData` with a component) given unknown, empty,
// "..", very long, non-string, unicode and child-of-a-component paths, and function handles in the udf path,
// with and without the admin key. Each call must be refused with a clear 4xx or a Convex error; nothing may
// commit (the commit timestamp stays put), and the server keeps serving. The udf paths name real component
// functions with valid arguments, so a call that got through would write. Bounded: RUNS per surface (default
// 200), each property at most FUZZ_TIME_MS; FUZZ_SEED replays a failure.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ConvexLocal } from "../src/index";
import { PROTOCOL_LIMITS } from "../src/sync-protocol";
import { limits } from "./components-app";
import type { RawSocket } from "./support";
import { componentsApp, httpClient, rawSocket, sendConnect, startAppBackend } from "./support";

const RUNS = Math.min(Number(process.env.FUZZ_RUNS ?? 200), 2_000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const FUZZ_TIME_MS = 15_000;
const fuzz = { numRuns: RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS, seed: SEED };

let backend: ConvexLocal;
/** Every mounted component's path (`_system/frontend/components:list`): a call with the admin key may name these. */
let mounted: string[] = [];
beforeAll(async () => {
  backend = await startAppBackend(componentsApp);
  const listed = await post(
    "/api/query",
    {
      path: "_system/frontend/components:list",
      args: {},
    },
    true,
  );
  mounted = (listed.body.value as { path: string }[]).map((row) => row.path).filter(Boolean);
});
afterAll(async () => {
  await backend.stop();
});

/** Real functions of the mounted components, with arguments they accept: a call that got through would write. */
const TARGETS: { udfPath: string; args: Record<string, unknown>; kind: "query" | "mutation" }[] = [
  {
    udfPath: "lib:rateLimit",
    kind: "mutation",
    args: { name: "fuzz", config: { kind: "fixed window", rate: 1, period: 60_000 } },
  },
  { udfPath: "public:add", kind: "mutation", args: { name: "fuzz", count: 1 } },
  { udfPath: "lib:clearAll", kind: "mutation", args: {} },
  {
    udfPath: "lib:getValue",
    kind: "query",
    args: { name: "fuzz", config: { kind: "fixed window", rate: 1, period: 60_000 } },
  },
  { udfPath: "public:count", kind: "query", args: { name: "fuzz" } },
  {
    udfPath: "_system/cli/tableData",
    kind: "query",
    args: { table: "rateLimits", paginationOpts: { numItems: 10, cursor: null } },
  },
];
const MOUNTED_NAMES = ["rateLimiter", "shardedCounter", "jobPool", "migrations"];

/** A target, or the same function named by a function handle (the server's own name for it). */
const target = fc
  .tuple(fc.constantFrom(...TARGETS), fc.constantFrom("", ...MOUNTED_NAMES), fc.boolean())
  .map(([fn, handleComponent, asHandle]) => ({
    ...fn,
    udfPath:
      asHandle && !fn.udfPath.startsWith("_system/")
        ? `function://${handleComponent};${fn.udfPath}`
        : fn.udfPath,
  }));

/** Component paths as strings: mounted ones, and many that no component is mounted at. */
const hostileString = fc.oneof(
  // The app's own path: with a component's function, or a handle, as likely as any other.
  fc.constant(""),
  // Mounted ones: hostile without the admin key (the admin key's legitimate calls are left out below).
  fc.constantFrom(...MOUNTED_NAMES, "rateLimiter/batchWorker"),
  fc.constantFrom(
    "",
    ".",
    "..",
    "/",
    "//",
    "../rateLimiter",
    "rateLimiter/",
    "/rateLimiter",
    "rateLimiter/..",
    "rateLimiter/../jobPool",
    "rateLimiter//batchWorker",
    "rateLimiter/batchWorker/",
    "rateLimiter/nope",
    "RATELIMITER",
    "rateLimiter;lib",
    "rateLimiter::x",
    "function://rateLimiter",
    "function://rateLimiter;lib:rateLimit",
    "__proto__",
    "constructor",
    "hasOwnProperty",
    "rateLimiter\u0000",
    "rate\u200bLimiter",
    "rateLimiter\u{1F4A5}",
    "レート制限",
    " rateLimiter",
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc
    .tuple(
      fc.constantFrom(...MOUNTED_NAMES, "rateLimiter/batchWorker"),
      fc.string({ maxLength: 12 }),
    )
    .map(([parent, child]) => `${parent}/${child}`),
  fc
    .integer({ min: PROTOCOL_LIMITS.udfPathLength - 2, max: 64 * 1024 })
    .map((length) => "rateLimiter/".padEnd(length, "x")),
);
/** Any JSON value that is not a string. */
const nonString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.constant(["rateLimiter"]),
  fc.constant({ path: "rateLimiter" }),
);

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function post(path: string, body: unknown, admin: boolean): Promise<Answer> {
  const response = await fetch(`${backend.url}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(admin ? { Authorization: `Convex ${backend.adminKey}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
}

async function commitTs(): Promise<string> {
  return (await post("/api/query_ts", {}, false)).body.ts as string;
}

/** A refusal: a 4xx with a message, or Convex's function error (560) saying what was not found. */
function expectRefused(answer: Answer, what: string): void {
  expect(answer.status, `${what}: ${JSON.stringify(answer.body).slice(0, 300)}`).not.toBe(200);
  if (answer.status === 560) {
    expect(answer.body.status).toBe("error");
    expect(answer.body.errorMessage).toMatch(/Could not find|was not found|not a /);
  } else {
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(typeof answer.body.message).toBe("string");
  }
}

/** A value as a JSON body carries it: NaN and Infinity go as null, an absent field reads as null too. */
const asSent = (value: unknown): unknown =>
  value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);

const isMounted = (path: unknown) => typeof path === "string" && mounted.includes(path);

/**
 * Whether a call is one the server should run: with the admin key, a udf path (not a handle) in a mounted
 * component, or a system query of the app (a component path of "", or none: null as JSON sends it).
 */
function legitimate(admin: boolean, componentPath: unknown, udfPath: string): boolean {
  if (!admin || udfPath.startsWith("function://")) return false;
  const sent = asSent(componentPath);
  return isMounted(sent) || ((sent === "" || sent === null) && udfPath.startsWith("_system/"));
}

/** After the fuzzing, a real client still reads and writes through the components. */
async function stillServes(): Promise<void> {
  const client = httpClient(backend.url);
  const user = `u-${crypto.randomUUID()}`;
  await client.mutation(limits.send, { user });
  expect(
    await client.query(limits.remaining, {
      user,
    }),
  ).toBeCloseTo(2, 0);
}

describe("HTTP API bodies", () => {
  const endpoints = [
    "/api/query",
    "/api/mutation",
    "/api/action",
    "/api/function",
    "/api/run",
  ] as const;
  /** The route and body of a call: /api/run names the function in its URL (`lib:rateLimit` -> `lib/rateLimit`). */
  const request = (endpoint: (typeof endpoints)[number], udfPath: string) =>
    endpoint === "/api/run"
      ? { route: `/api/run/${udfPath.split(/[:/]/).map(encodeURIComponent).join("/")}`, path: {} }
      : { route: endpoint, path: { path: udfPath } };

  it("refuses every hostile componentPath, with or without the admin key, and writes nothing", async () => {
    const before = await commitTs();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints),
        target,
        fc.oneof(fc.constant(undefined), hostileString, nonString),
        fc.boolean(),
        async (endpoint, fn, componentPath, admin) => {
          fc.pre(!legitimate(admin, componentPath, fn.udfPath));
          const { route, path } = request(endpoint, fn.udfPath);
          const answer = await post(
            route,
            { ...path, args: fn.args, componentPath, format: "convex_encoded_json" },
            admin,
          );
          expectRefused(
            answer,
            `${endpoint} ${String(JSON.stringify(componentPath)).slice(0, 80)}`,
          );
          // As sent (JSON has no NaN or Infinity: they go as null, the app's path).
          const sent = asSent(componentPath);
          if (
            (typeof sent !== "string" && sent !== null) ||
            (typeof sent === "string" && sent.length > PROTOCOL_LIMITS.udfPathLength)
          )
            // A malformed body is a 400; /api/run answers 404 first for a URL that names no function.
            expect(endpoint === "/api/run" ? [400, 404] : [400]).toContain(answer.status);
          expect(await commitTs()).toBe(before);
        },
      ),
      fuzz,
    );
    await stillServes();
  }, 60_000);

  it("refuses a function handle as the path, even to an app's public function", async () => {
    const before = await commitTs();
    const calls: [string, Record<string, unknown>][] = [
      ["function://;limits:send", { user: "handle" }],
      ["function://rateLimiter;lib:rateLimit", TARGETS[0]?.args ?? {}],
      ["function://rateLimiter/batchWorker;lib:rateLimit", TARGETS[0]?.args ?? {}],
    ];
    for (const admin of [false, true])
      for (const componentPath of [undefined, "", "rateLimiter"])
        for (const [path, args] of calls) {
          const answer = await post("/api/mutation", { path, args, componentPath }, admin);
          expectRefused(answer, `${path} in ${String(componentPath)}, admin: ${String(admin)}`);
          if (answer.status === 560) expect(answer.body.errorMessage).toMatch(/Could not find/);
        }
    expect(await commitTs()).toBe(before);
  });
});

describe("the admin key's component paths", () => {
  it("`run --component` and `data --component` name the unmounted path in their error", async () => {
    const before = await commitTs();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(hostileString, fc.constant(null)),
        fc.constantFrom(...TARGETS),
        async (componentPath, fn) => {
          fc.pre(componentPath !== null && componentPath !== "" && !isMounted(componentPath));
          const answer = await post(
            "/api/function",
            { path: fn.udfPath, args: fn.args, componentPath, format: "convex_encoded_json" },
            true,
          );
          expectRefused(answer, String(JSON.stringify(componentPath)).slice(0, 80));
          if (answer.status === 560)
            expect(answer.body.errorMessage).toMatch(/Component path ".*" was not found/s);
          expect(await commitTs()).toBe(before);
        },
      ),
      fuzz,
    );
    await stillServes();
  }, 60_000);
});

/** The first message of one of `types` the socket received, or why none came. */
async function reply(
  raw: RawSocket,
  types: string[],
  match: (m: Record<string, unknown>) => boolean,
) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const found = raw.messages.find(
      (message) => types.includes(String(message.type)) && match(message),
    );
    if (found !== undefined) return found;
    if (Date.now() > deadline)
      throw new Error(`No ${types.join("/")} within 5 s; got ${JSON.stringify(raw.messages)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Sends one frame on a fresh socket (after Connect, and the admin key if asked) and returns the reply to it. */
async function wsCall(
  kind: "Query" | "Mutation" | "Action",
  udfPath: string,
  args: unknown,
  componentPath: unknown,
  admin: boolean,
): Promise<Record<string, unknown>> {
  const raw = await rawSocket(backend.url);
  try {
    sendConnect(raw.socket);
    if (admin)
      raw.socket.send(
        JSON.stringify({
          type: "Authenticate",
          tokenType: "Admin",
          value: backend.adminKey,
          baseVersion: 0,
        }),
      );
    raw.socket.send(
      JSON.stringify(
        kind === "Query"
          ? {
              type: "ModifyQuerySet",
              baseVersion: 0,
              newVersion: 1,
              modifications: [{ type: "Add", queryId: 7, udfPath, args: [args], componentPath }],
            }
          : { type: kind, requestId: 7, udfPath, args: [args], componentPath },
      ),
    );
    return await reply(
      raw,
      ["FatalError", "Transition", "MutationResponse", "ActionResponse"],
      (message) =>
        message.type !== "Transition" ||
        JSON.stringify(message.modifications).includes('"queryId":7'),
    );
  } finally {
    raw.socket.close();
  }
}

/** The error a reply to wsCall carries, or null when the call succeeded. */
function wsError(answer: Record<string, unknown>): string | null {
  if (answer.type === "FatalError") return String(answer.error);
  if (answer.type === "Transition") {
    const modification = (answer.modifications as Record<string, unknown>[]).find(
      (m) => m.queryId === 7,
    );
    return modification?.type === "QueryFailed" ? String(modification.errorMessage) : null;
  }
  return answer.success === false ? String(answer.result) : null;
}

describe("WebSocket Query, Mutation and Action messages", () => {
  it("refuses a function handle as the udf path, with or without the admin key", async () => {
    const before = await commitTs();
    const calls: ["Query" | "Mutation", string, unknown][] = [
      ["Mutation", "function://;limits:send", { user: "handle" }],
      ["Mutation", "function://rateLimiter;lib:rateLimit", TARGETS[0]?.args],
      ["Query", "function://rateLimiter;lib:getValue", TARGETS[3]?.args],
      ["Query", "function://shardedCounter;public:count", { name: "x" }],
    ];
    for (const admin of [false, true])
      for (const [kind, udfPath, args] of calls) {
        const answer = await wsCall(kind, udfPath, args, undefined, admin);
        expect(wsError(answer), `${kind} ${udfPath}, admin: ${String(admin)}`).toMatch(
          /Could not find/,
        );
      }
    expect(await commitTs()).toBe(before);
  });

  it("answers every hostile componentPath with a failed call (or FatalError for a malformed frame), and writes nothing", async () => {
    const before = await commitTs();
    const bystander = await rawSocket(backend.url);
    sendConnect(bystander.socket);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("Query" as const, "Mutation" as const, "Action" as const),
        target,
        // Absent (what ConvexClient sends), hostile, or no string at all.
        fc.oneof(fc.constant(undefined), hostileString, nonString, fc.constant(null)),
        fc.boolean(),
        async (kind, fn, componentPath, admin) => {
          fc.pre(!legitimate(admin, componentPath, fn.udfPath));
          const answer = await wsCall(kind, fn.udfPath, fn.args, componentPath, admin);
          const label = `${kind} ${String(JSON.stringify(componentPath)).slice(0, 80)} ${fn.udfPath}`;
          const error = wsError(answer);
          if (answer.type === "FatalError") {
            // Only a frame the protocol refuses (a componentPath that is no string, or over its length).
            expect(
              typeof componentPath !== "string" ||
                componentPath.length > PROTOCOL_LIMITS.udfPathLength,
              `${label}: ${String(error)}`,
            ).toBe(true);
            expect(error).toMatch(/componentPath/);
          } else expect(error, label).toMatch(/Could not find|was not found|not a /);
          expect(await commitTs()).toBe(before);
        },
      ),
      fuzz,
    );
    expect(bystander.socket.readyState).toBe(bystander.socket.OPEN);
    bystander.socket.close();
    await stillServes();
  }, 60_000);
});
