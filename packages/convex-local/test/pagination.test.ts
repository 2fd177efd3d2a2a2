// Paginated queries through the real client's paginated query support (the engine under usePaginatedQuery):
// loaded pages keep their ends pinned by query journals, so live writes never drop or repeat a row.
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";

import type { ConvexLocal } from "../src/index";
import { httpClient, startFixtureBackend, wsClient } from "./support";

const list = makeFunctionReference<"query">("messages:list");
const add = makeFunctionReference<"mutation">("messages:add");
const count = makeFunctionReference<"query">("messages:count");

interface Message {
  body: string;
  rank: number;
}
/** What the paginated client hands its callback (convex/browser's PaginatedQueryResult). */
interface Pages {
  results: Message[];
  status: "LoadingFirstPage" | "CanLoadMore" | "LoadingMore" | "Exhausted";
  loadMore: (numItems: number) => boolean;
}

let backend: ConvexLocal;
beforeAll(async () => {
  backend = await startFixtureBackend();
});
afterAll(async () => {
  await backend.stop();
});

/** Follows one paginated subscription; `until` resolves with the first result matching a predicate. */
function follow(client: ReturnType<typeof wsClient>) {
  let latest: Pages | undefined;
  const waiters = new Set<() => void>();
  const unsubscribe = client.onPaginatedUpdate_experimental(
    list,
    {},
    { initialNumItems: 5 },
    (result) => {
      latest = result as unknown as Pages;
      for (const waiter of waiters) waiter();
    },
  );
  const until = (predicate: (pages: Pages) => boolean, what: string) =>
    new Promise<Pages>((resolve, reject) => {
      const check = () => {
        if (latest !== undefined && predicate(latest)) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(latest);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`Timed out waiting for ${what}; last: ${JSON.stringify(latest)}`));
      }, 10_000);
      waiters.add(check);
      check();
    });
  return { until, unsubscribe };
}

describe("paginated queries under live writes", () => {
  it("show every row exactly once after loading more and inserting at any position", async () => {
    const http = httpClient(backend.url);
    const ranks = Array.from({ length: 12 }, (_, i) => (i + 1) * 10);
    for (const rank of ranks) await http.mutation(add, { body: `m${rank}`, rank });

    const client = wsClient(backend.url);
    const pages = follow(client);
    const first = await pages.until((p) => p.status === "CanLoadMore", "the first page");
    expect(first.results.map((m) => m.rank)).toEqual([10, 20, 30, 40, 50]);
    first.loadMore(5);
    const second = await pages.until(
      (p) => p.results.length === 10 && p.status === "CanLoadMore",
      "two pages",
    );
    second.loadMore(5);
    await pages.until((p) => p.status === "Exhausted" && p.results.length === 12, "three pages");

    // Inside the first page, at both page boundaries, inside the last page, before the start, after the end.
    for (const rank of [25, 55, 50.5, 100.5, 115, 5, 130, 45, 60.5]) {
      ranks.push(rank);
      await http.mutation(add, { body: `m${rank}`, rank });
      const expected = [...ranks].sort((a, b) => a - b);
      const shown = await pages.until(
        (p) => p.results.length >= expected.length,
        `${expected.length} rows after inserting ${rank}`,
      );
      expect(shown.results.map((m) => m.rank)).toEqual(expected);
    }
    expect(await http.query(count, {})).toBe(ranks.length);

    // After a reconnect the client sends each page's journal back with its Add: the ends stay pinned.
    backend.dropConnections();
    for (const rank of [35, 52]) {
      ranks.push(rank);
      await http.mutation(add, { body: `m${rank}`, rank });
    }
    const expected = [...ranks].sort((a, b) => a - b);
    const shown = await pages.until(
      (p) => p.results.length >= expected.length,
      `${expected.length} rows after a reconnect`,
    );
    expect(shown.results.map((m) => m.rank)).toEqual(expected);
    pages.unsubscribe();
    await client.close();
  });
});

describe("journals from clients", () => {
  it("answer a journal this server did not write with QueryFailed, and keep the connection", async () => {
    const socket = new WebSocket(`${backend.url.replace("http", "ws")}/api/1.48.0/sync`);
    const transitions: Record<string, unknown>[] = [];
    socket.on("message", (data) => {
      const message = JSON.parse((data as Buffer).toString("utf8")) as Record<string, unknown>;
      if (message.type === "Transition") transitions.push(message);
    });
    await new Promise((resolve) => socket.on("open", resolve));
    const paginationOpts = { numItems: 5, cursor: null };
    socket.send(
      JSON.stringify({
        type: "Connect",
        sessionId: crypto.randomUUID(),
        connectionCount: 0,
        lastCloseReason: null,
      }),
    );
    socket.send(
      JSON.stringify({
        type: "ModifyQuerySet",
        baseVersion: 0,
        newVersion: 1,
        modifications: [
          {
            type: "Add",
            queryId: 1,
            udfPath: "messages:list",
            args: [{ paginationOpts }],
            journal: "not a journal",
          },
          { type: "Add", queryId: 2, udfPath: "messages:list", args: [{ paginationOpts }] },
        ],
      }),
    );
    await expect.poll(() => transitions.length, { timeout: 5_000 }).toBeGreaterThan(0);
    const modifications = transitions[0]?.modifications as Record<string, unknown>[];
    expect(modifications.find((m) => m.queryId === 1)).toMatchObject({
      type: "QueryFailed",
      errorMessage: expect.stringContaining("Invalid query journal") as unknown,
    });
    expect(modifications.find((m) => m.queryId === 2)).toMatchObject({
      type: "QueryUpdated",
      journal: expect.stringContaining("endCursor") as unknown,
    });
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
  });
});
