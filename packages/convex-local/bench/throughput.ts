// Benchmark: HTTP query and mutation throughput, and mutation-to-subscriber latency with N subscribers.
// Usage: pnpm --filter @repo/convex-local bench [-- --subscribers 50 --seconds 3]
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import WebSocket from "ws";

import { startConvexLocal } from "../src/index";

const { values } = parseArgs({
  options: {
    subscribers: { type: "string", default: "50" },
    seconds: { type: "string", default: "3" },
    concurrency: { type: "string", default: "16" },
    updates: { type: "string", default: "100" },
  },
});
const SUBSCRIBERS = Number(values.subscribers);
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const UPDATES = Number(values.updates);

const counterGet = makeFunctionReference<"query">("counter:get");
const increment = makeFunctionReference<"mutation">("counter:increment");
const list = makeFunctionReference<"query">("tasks:list");
const create = makeFunctionReference<"mutation">("tasks:create");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function throughput(run: () => Promise<unknown>): Promise<number> {
  const end = performance.now() + SECONDS * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        await run();
        done++;
      }
    }),
  );
  return done / SECONDS;
}

const dataDir = mkdtempSync(join(tmpdir(), "convex-local-bench-"));
const server = await startConvexLocal({
  port: 0,
  sitePort: 0,
  dataDir,
  env: { CLERK_JWT_ISSUER_DOMAIN: "http://127.0.0.1:9" },
  logs: false,
});
const http = new ConvexHttpClient(server.url);
for (let i = 0; i < 50; i++) await http.mutation(create, { text: `task ${i}`, list: "bench" });

const queryRate = await throughput(() => http.query(list, { list: "bench" }));
const mutationRate = await throughput(() =>
  http.mutation(increment, { counterName: "throughput" }),
);

const clients = Array.from(
  { length: SUBSCRIBERS },
  () =>
    new ConvexClient(server.url, {
      webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
      unsavedChangesWarning: false,
    }),
);
const sentAt = new Map<number, number>();
const latencies: number[] = [];
let ready = 0;
const allReady = new Promise<void>((resolve) => {
  for (const client of clients) {
    let first = true;
    client.onUpdate(counterGet, { counterName: "latency" }, (value: number) => {
      if (first) {
        first = false;
        if (++ready === SUBSCRIBERS) resolve();
        return;
      }
      const start = sentAt.get(value);
      if (start !== undefined) latencies.push(performance.now() - start);
    });
  }
});
await allReady;
for (let i = 1; i <= UPDATES; i++) {
  sentAt.set(i, performance.now());
  await http.mutation(increment, { counterName: "latency" });
  // Let every subscriber see this value before the next write, so each sample is one update's latency.
  const deadline = performance.now() + 5000;
  while (latencies.length < i * SUBSCRIBERS && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
latencies.sort((a, b) => a - b);
await Promise.all(clients.map((client) => client.close()));
await server.stop();
rmSync(dataDir, { recursive: true, force: true });

const cpu = cpus()[0]?.model ?? "unknown CPU";
console.log(`convex-local benchmark on ${cpus().length} x ${cpu}, Node ${process.version}`);
console.log(`| measure | value |`);
console.log(`| --- | --- |`);
console.log(
  `| HTTP query throughput (tasks:list, 50 rows, ${CONCURRENCY} in flight) | ${queryRate.toFixed(0)} req/s |`,
);
console.log(
  `| HTTP mutation throughput (counter:increment, fsync per commit) | ${mutationRate.toFixed(0)} req/s |`,
);
console.log(
  `| mutation -> subscriber latency, ${SUBSCRIBERS} subscribers, ${latencies.length} samples | ` +
    `p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms |`,
);
