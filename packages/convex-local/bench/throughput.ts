// Benchmark: HTTP query and mutation throughput, and mutation -> every-subscriber latency with 50 subscribers and
// 1 or 8 concurrent writers. The server runs in its own process (the CLI, as the apps run it), so the load
// generator's 50 clients do not share its event loop: the figures are the server's.
// Usage: pnpm --filter @repo/convex-local bench [-- --seconds 3 --subscribers 50 --writers 8 --cpu-prof DIR]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import WebSocket from "ws";

import { freePort, spawnConvexLocal } from "../src/index";

// pnpm passes its `--` separator through.
const argv = process.argv.slice(2).filter((arg, index) => index > 0 || arg !== "--");
const { values } = parseArgs({
  args: argv,
  options: {
    subscribers: { type: "string", default: "50" },
    seconds: { type: "string", default: "3" },
    concurrency: { type: "string", default: "16" },
    updates: { type: "string", default: "100" },
    writers: { type: "string", default: "8" },
    "cpu-prof": { type: "string" },
  },
});
const SUBSCRIBERS = Number(values.subscribers);
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const UPDATES = Number(values.updates);
const WRITERS = Number(values.writers);
/** Each fan-out scenario stops after this long even if updates are missing (they then count as missing). */
const SCENARIO_LIMIT_MS = 30_000;

const GOALS = { queryRate: 1000, fanoutP95: 20 };

const counterGet = makeFunctionReference<"query">("counter:get");
const increment = makeFunctionReference<"mutation">("counter:increment");
const list = makeFunctionReference<"query">("tasks:list");
const create = makeFunctionReference<"mutation">("tasks:create");

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

interface FanOut {
  /** Per mutation: ms from sending it until the last subscriber saw its value. */
  allUpdated: number[];
  /** Mutations some subscriber never saw within the time limit. */
  missing: number;
  /** CPU this load generator used while writing, as a share of one core: near 100 % it limits the figures. */
  clientCpu: number;
  /** CPU the server process used meanwhile, as a share of one core (NaN where /proc is missing). */
  serverCpu: number;
}

/**
 * The server's CPU time so far in ms, from /proc/<pid>/stat (utime + stime, fields 14 and 15, in clock ticks of
 * 10 ms: USER_HZ is 100 on Linux); NaN elsewhere. See proc(5).
 */
function serverCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/${server.pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/**
 * `writers` HTTP clients each increment their own counter `perWriter` times, back to back; every subscriber
 * watches all of those counters. Counter w's k-th increment makes it k (fresh counters, one writer each), so a
 * subscriber seeing value x on counter w has every increment up to x (Convex may coalesce updates).
 */
async function fanOut(url: string, tag: string, writers: number, perWriter: number) {
  const names = Array.from({ length: writers }, (_, w) => `${tag}-${w}`);
  const sentAt = names.map(() => new Map<number, number>());
  /** Per counter and value: how many subscribers have seen it, and when the last one did. */
  const seen = names.map(() => new Map<number, number>());
  const allSeenAt = names.map(() => new Map<number, number>());
  const clients = Array.from(
    { length: SUBSCRIBERS },
    () =>
      new ConvexClient(url, {
        webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
        unsavedChangesWarning: false,
      }),
  );
  let ready = 0;
  await new Promise<void>((resolve) => {
    for (const client of clients) {
      names.forEach((counterName, w) => {
        let last: number | null = null;
        client.onUpdate(counterGet, { counterName }, (value: number) => {
          if (last === null) {
            last = value;
            if (++ready === SUBSCRIBERS * writers) resolve();
            return;
          }
          const now = performance.now();
          for (let v = last + 1; v <= value; v++) {
            const count = (seen[w]?.get(v) ?? 0) + 1;
            seen[w]?.set(v, count);
            if (count === SUBSCRIBERS) allSeenAt[w]?.set(v, now);
          }
          last = Math.max(last, value);
        });
      });
    }
  });
  const deadline = performance.now() + SCENARIO_LIMIT_MS;
  const cpuBefore = process.cpuUsage();
  const serverBefore = serverCpuMs();
  const started = performance.now();
  await Promise.all(
    names.map(async (counterName, w) => {
      const http = new ConvexHttpClient(url);
      for (let k = 1; k <= perWriter && performance.now() < deadline; k++) {
        sentAt[w]?.set(k, performance.now());
        await http.mutation(increment, { counterName });
      }
    }),
  );
  const expected = sentAt.reduce((sum, sent) => sum + sent.size, 0);
  const done = () => allSeenAt.reduce((sum, all) => sum + all.size, 0);
  while (done() < expected && performance.now() < deadline) await sleep(5);
  const cpu = process.cpuUsage(cpuBefore);
  const elapsed = performance.now() - started;
  const clientCpu = (cpu.user + cpu.system) / 1000 / elapsed;
  const serverCpu = (serverCpuMs() - serverBefore) / elapsed;
  const result: FanOut = { allUpdated: [], missing: 0, clientCpu, serverCpu };
  sentAt.forEach((sent, w) => {
    for (const [k, start] of sent) {
      const end = allSeenAt[w]?.get(k);
      if (end === undefined) result.missing++;
      else result.allUpdated.push(end - start);
    }
  });
  await Promise.all(clients.map((client) => client.close()));
  return result;
}

function commit(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "."], { encoding: "utf8" });
    return dirty.trim() === "" ? head : `${head}+dirty`;
  } catch {
    return "unknown";
  }
}

const dataDir = mkdtempSync(join(tmpdir(), "convex-local-bench-"));
const profileDir = values["cpu-prof"];
const server = await spawnConvexLocal({
  port: await freePort(),
  sitePort: await freePort(),
  dataDir,
  env: { CLERK_JWT_ISSUER_DOMAIN: "http://127.0.0.1:9" },
  watch: false,
  quiet: true,
  execArgv: profileDir === undefined ? [] : ["--cpu-prof", "--cpu-prof-dir", profileDir],
});
let results;
try {
  const http = new ConvexHttpClient(server.url);
  for (let i = 0; i < 50; i++) await http.mutation(create, { text: `task ${i}`, list: "bench" });
  const queryRate = await throughput(() => http.query(list, { list: "bench" }));
  const mutationRate = await throughput(() =>
    http.mutation(increment, { counterName: "throughput" }),
  );
  const single = await fanOut(server.url, "one", 1, UPDATES);
  const many = await fanOut(server.url, "many", WRITERS, Math.ceil((2 * UPDATES) / WRITERS));
  results = { queryRate, mutationRate, single, many };
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

const mark = (ok: boolean) => (ok ? "met" : "NOT met");
const latency = (run: FanOut) =>
  `p50 ${percentile(run.allUpdated, 50).toFixed(1)} ms, p95 ${percentile(run.allUpdated, 95).toFixed(1)} ms` +
  ` (${run.allUpdated.length} mutations${run.missing > 0 ? `, ${run.missing} MISSING` : ""};` +
  ` load generator CPU ${(100 * run.clientCpu).toFixed(0)} %, server CPU ${(100 * run.serverCpu).toFixed(0)} %)`;
const p95 = (run: FanOut) => (run.missing > 0 ? Infinity : percentile(run.allUpdated, 95));
const { queryRate, mutationRate, single, many } = results;
console.log(
  `convex-local benchmark, commit ${commit()}, on ${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"}, ` +
    `Node ${process.version}; server in its own process, persistence on (fsync per commit)`,
);
console.log(`| measure | value | goal |`);
console.log(`| --- | --- | --- |`);
console.log(
  `| HTTP query throughput (tasks:list, 50 rows, ${CONCURRENCY} in flight) | ${queryRate.toFixed(0)} req/s | ` +
    `>= ${GOALS.queryRate} req/s: ${mark(queryRate >= GOALS.queryRate)} |`,
);
console.log(
  `| HTTP mutation throughput (counter:increment, ${CONCURRENCY} in flight) | ${mutationRate.toFixed(0)} req/s | (for information) |`,
);
console.log(
  `| mutation -> all ${SUBSCRIBERS} subscribers updated, 1 writer | ${latency(single)} | (for information) |`,
);
console.log(
  `| mutation -> all ${SUBSCRIBERS} subscribers updated, ${WRITERS} concurrent writers | ${latency(many)} | ` +
    `p95 < ${GOALS.fanoutP95} ms: ${mark(p95(many) < GOALS.fanoutP95)} |`,
);
if (profileDir !== undefined) console.log(`CPU profile of the server written to ${profileDir}`);
