// A bounded load test: 50 WebSocket subscribers while 1,000 mutations run. Everyone converges, nothing is lost.
import { makeFunctionReference } from "convex/server";
import { expect, it } from "vitest";

import { httpClient, useBackend, waitFor, wsClient } from "./support";

const SUBSCRIBERS = 50;
const MUTATIONS = 1000;
const counterGet = makeFunctionReference<"query">("counter:get");
const increment = makeFunctionReference<"mutation">("counter:increment");

const server = useBackend();

it(
  `${SUBSCRIBERS} subscribers all see all ${MUTATIONS} mutations`,
  { timeout: 120_000 },
  async () => {
    const clients = Array.from({ length: SUBSCRIBERS }, () => wsClient(server.backend.url));
    const converged = clients.map((client) =>
      waitFor<number>(
        (cb) => client.onUpdate(counterGet, { counterName: "load" }, cb),
        (v) => v === MUTATIONS,
        100_000,
      ),
    );
    // Half the writes over HTTP with bounded concurrency, half over the subscribers' own sockets.
    const http = httpClient(server.backend.url);
    const overHttp = MUTATIONS / 2;
    let next = 0;
    const httpWorkers = Array.from({ length: 10 }, async () => {
      while (next < overHttp) {
        next++;
        await http.mutation(increment, { counterName: "load" });
      }
    });
    const overSockets = Array.from({ length: MUTATIONS - overHttp }, (_, i) =>
      clients[i % SUBSCRIBERS]?.mutation(increment, { counterName: "load" }),
    );
    await Promise.all([...httpWorkers, ...overSockets]);
    await expect(Promise.all(converged)).resolves.toEqual(Array(SUBSCRIBERS).fill(MUTATIONS));
    await expect(http.query(counterGet, { counterName: "load" })).resolves.toBe(MUTATIONS);
    await Promise.all(clients.map((client) => client.close()));
  },
);
