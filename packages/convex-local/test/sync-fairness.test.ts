// One client flooding the server with live queries must not slow anyone else down, and the per-connection
// query limit is enforced with a FatalError that names it.
import { makeFunctionReference } from "convex/server";
import { expect, it } from "vitest";

import { SYNC_LIMITS } from "../src/sync";
import { rawSocket, sendConnect, useSpawnedBackend, wsClient } from "./support";

const list = makeFunctionReference<"query">("tasks:list");
const create = makeFunctionReference<"mutation">("tasks:create");

// The server runs in its own process, as it does for the apps: timings then measure the server, not this
// test process's event loop (which also runs the clients).
const server = useSpawnedBackend();

/**
 * Distinct live queries that all read the "fair" list (pages of different sizes): every write to that list
 * invalidates all of them, however narrowly the server tracks what each query read.
 */
function floodFrame(count: number, offset: number) {
  return JSON.stringify({
    type: "ModifyQuerySet",
    baseVersion: 0,
    newVersion: 1,
    modifications: Array.from({ length: count }, (_, queryId) => ({
      type: "Add",
      queryId,
      udfPath: "tasks:page",
      args: [{ list: "fair", paginationOpts: { numItems: offset + queryId + 1, cursor: null } }],
    })),
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

it("refuses a query set over the per-connection limit with a FatalError naming it", async () => {
  const { socket, next, closed } = await rawSocket(server.backend.url);
  sendConnect(socket);
  socket.send(floodFrame(5000, 0));
  await expect(next("FatalError")).resolves.toMatchObject({
    error: expect.stringMatching(/queriesPerConnection/) as unknown,
  });
  await expect(closed).resolves.toBe(1008);
});

it(
  "keeps another client's mutation round trip within 3x while one client floods subscriptions",
  { timeout: 60_000 },
  async () => {
    const client = wsClient(server.backend.url);
    let written = 0;
    // Each round trip: the mutation is acknowledged, and (as ConvexClient waits for it) a Transition at its ts.
    const roundTrips = async (label: string, count: number) => {
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        await client.mutation(create, { text: `${label} ${i}`, list: "fair" });
        times.push(performance.now() - started);
        written++;
      }
      return times;
    };
    // A live query of its own, on the list the flood reads: each of its writes invalidates all 1,000 of them.
    let seen = 0;
    const unsubscribe = client.onUpdate(list, { list: "fair" }, (tasks: unknown[]) => {
      seen = tasks.length;
    });
    await roundTrips("warm-up", 10);
    // Loaded and unloaded round trips alternate in blocks, so drifting load on a shared machine hits both alike.
    const unloaded: number[] = [];
    const loaded: number[] = [];
    for (let block = 0; block < 4; block++) {
      unloaded.push(...(await roundTrips(`unloaded ${block}`, 5)));
      const flooder = await rawSocket(server.backend.url);
      sendConnect(flooder.socket);
      flooder.socket.send(
        floodFrame(SYNC_LIMITS.queriesPerConnection, block * SYNC_LIMITS.queriesPerConnection),
      );
      loaded.push(...(await roundTrips(`loaded ${block}`, 5)));
      if (block === 3) {
        // The flooding client is served too once the writes stop: every query, with its result.
        let transition = await flooder.next("Transition");
        while ((transition.modifications as unknown[]).length === 0)
          transition = await flooder.next("Transition");
        expect(transition.modifications).toHaveLength(SYNC_LIMITS.queriesPerConnection);
        expect(transition.modifications).toContainEqual(
          expect.objectContaining({
            type: "QueryUpdated",
            queryId: 999,
            value: expect.objectContaining({ page: expect.any(Array) as unknown }) as unknown,
          }),
        );
      }
      flooder.socket.close();
      await flooder.closed;
    }
    expect(seen).toBe(written);
    expect(
      median(loaded),
      `median round trip ${median(loaded).toFixed(1)} ms loaded vs ${median(unloaded).toFixed(1)} ms unloaded`,
    ).toBeLessThanOrEqual(3 * median(unloaded));
    unsubscribe();
    await client.close();
  },
);
