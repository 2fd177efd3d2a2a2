// Invalidation by read set: a write re-runs only the live queries whose reads it touches, and identical calls share
// one cached result. A missed invalidation would leave a client on a stale result, so fast-check checks, after
// every generated write, each live result a real ConvexClient holds against a fresh execution of the same query
// (a call the cache has never seen, by a unique `nonce`): what re-running everything would have sent. The same
// call over HTTP, which the query cache answers, must agree too. FUZZ_RUNS (<= 200) and FUZZ_SEED replay a run.
import type { ConvexClient } from "convex/browser";
import type { FunctionReference } from "convex/server";
import { makeFunctionReference } from "convex/server";
import type { Value } from "convex/values";
import { convexToJson } from "convex/values";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";

import type { ConvexLocal } from "../src/index";
import { ReadSet } from "../src/read-set";
import { httpClient, startFixtureBackend, wsClient } from "./support";

const RUNS = Math.min(200, Number(process.env.FUZZ_RUNS ?? 40));
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
/** Stops generating new runs after this long (the runs done still count). */
const TIME_LIMIT_MS = 30_000;

let server: ConvexLocal;
beforeAll(async () => {
  server = await startFixtureBackend();
});
afterAll(async () => {
  await server.stop();
});

type Args = Record<string, Value>;
const fn = <K extends "query" | "mutation">(
  kind: K,
  name: string,
): FunctionReference<K, "public", Args, unknown> =>
  makeFunctionReference<K, Args, unknown>(`items:${name}`);

const group = fc.constantFrom("g1", "g2");
// Scalars of every type an index orders, undefined (a missing field) and -0 among them.
const tag = fc.constantFrom<Value | undefined>(undefined, "a", 0, -0, false, null);
const metaKey = fc.constantFrom<string | undefined>(undefined, "x", "y");
const n = fc.integer({ min: 0, max: 4 });
const slot = fc.nat(7);

/** Drops undefined fields: a missing argument, as a client sends it. */
const defined = (args: Record<string, Value | undefined>): Args =>
  Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined)) as Args;

const querySpec = fc.oneof(
  group.map((g) => ({ name: "byGroup", args: { group: g } })),
  fc
    .tuple(group, tag)
    .map(([g, t]) => ({ name: "byGroupTag", args: defined({ group: g, tag: t }) })),
  fc.tuple(group, n).map(([g, min]) => ({ name: "byGroupFrom", args: { group: g, min } })),
  fc.constantFrom("x", "y").map((k) => ({ name: "byMeta", args: { k } })),
  slot.map((s) => ({ name: "one", slot: s, args: {} })),
  fc.constant({ name: "all", args: {} }),
);

const insert = fc
  .record({ group, tag, k: metaKey, n })
  .map((fields) => ({ kind: "insert" as const, args: defined(fields) }));
const write = fc.oneof(
  insert,
  fc
    .record({
      slot,
      group: fc.option(group, { nil: undefined }),
      tag: fc.option(tag, { nil: undefined }),
      clearTag: fc.option(fc.boolean(), { nil: undefined }),
      k: metaKey,
      n: fc.option(n, { nil: undefined }),
    })
    .map(({ slot: s, ...fields }) => ({ kind: "update" as const, slot: s, args: defined(fields) })),
  slot.map((s) => ({ kind: "remove" as const, slot: s, args: {} })),
);

/** Comparable form: Convex's JSON encoding keeps -0 and types apart, as the wire does. */
const encoded = (value: unknown) =>
  value === undefined ? "(no result)" : convexToJson(value as Value);

it(
  "every live result after every write equals a fresh execution of its query",
  { timeout: 120_000 },
  async () => {
    const http = httpClient(server.url);
    let nonce = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(insert, { minLength: 1, maxLength: 4 }),
        fc.array(querySpec, { minLength: 4, maxLength: 10 }),
        fc.array(write, { minLength: 1, maxLength: 6 }),
        async (seed, specs, writes) => {
          const ids: string[] = [];
          for (const { args } of seed)
            ids.push(String(await http.mutation(fn("mutation", "insert"), args)));
          const idAt = (s: number) => ids[s % ids.length] ?? "";
          const queries = specs.map((spec) => ({
            path: `items:${spec.name}`,
            ref: fn("query", spec.name),
            args: "slot" in spec ? { id: idAt(spec.slot) } : spec.args,
          }));
          const client: ConvexClient = wsClient(server.url);
          try {
            await Promise.all(
              queries.map(
                ({ ref, args }) =>
                  new Promise<void>((resolve, reject) => {
                    client.onUpdate(ref, args, () => resolve(), reject);
                  }),
              ),
            );
            for (const { kind, slot: s, args } of writes.map((w) => ({ slot: 0, ...w }))) {
              const callArgs = kind === "insert" ? args : { ...args, id: idAt(s) };
              // Resolves once the client shows the write's effects in its queries (convex's documented contract).
              const result = await client.mutation(fn("mutation", kind), callArgs);
              if (kind === "insert") ids.push(String(result));
              for (const { path, ref, args: queryArgs } of queries) {
                const live = client.client.localQueryResult(path, queryArgs);
                const fresh = await http.query(ref, { ...queryArgs, nonce: nonce++ });
                const label = `${path}(${JSON.stringify(queryArgs)}) after ${kind}`;
                expect(encoded(live), label).toEqual(encoded(fresh));
                // The same call over HTTP is answered from the query cache when nothing it read changed.
                expect(encoded(await http.query(ref, queryArgs)), label).toEqual(encoded(fresh));
              }
            }
          } finally {
            await client.close();
          }
        },
      ),
      {
        numRuns: RUNS,
        interruptAfterTimeLimit: TIME_LIMIT_MS,
        markInterruptAsFailure: false,
        ...(SEED === undefined ? {} : { seed: SEED }),
      },
    );
  },
);

it("a write outside a query's index range does not touch its read set; one inside does", () => {
  const reads = new ReadSet();
  reads.addQuery({
    source: {
      type: "IndexRange",
      indexName: "items.by_group_tag",
      range: [
        { type: "Eq", fieldPath: "group", value: "g1" },
        { type: "Eq", fieldPath: "tag", value: { $undefined: null } },
      ],
    },
  });
  const write = (before: Args | null, after: Args | null) => [
    { id: "10001items", table: "items", before, after },
  ];
  expect(reads.touchedBy(write(null, { group: "g2", n: 1 }))).toBe(false);
  expect(reads.touchedBy(write(null, { group: "g1", tag: "a", n: 1 }))).toBe(false);
  expect(reads.touchedBy(write(null, { group: "g1", n: 1 }))).toBe(true);
  // Moving a row out of the range changes the result as much as moving one in.
  expect(reads.touchedBy(write({ group: "g1", n: 1 }, { group: "g2", n: 1 }))).toBe(true);
  expect(
    reads.touchedBy([
      { id: "10002counters", table: "counters", before: null, after: { group: "g1" } },
    ]),
  ).toBe(false);
});
