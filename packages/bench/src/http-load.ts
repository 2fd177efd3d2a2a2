// Server-side numbers: N requests at concurrency C against one page, timing the first body byte (TTFB) and the
// complete response. Node's own http client, so nothing but the request itself is timed.
import { Agent, request } from "node:http";

import { LIMITS } from "./config";
import type { Summary } from "./stats";
import { summarize } from "./stats";

export interface RoundResult {
  ttfb: number[];
  /** Until the first byte of the page's data (its `expect` text): after TTFB when a shell is streamed first. */
  firstData: number[];
  total: number[];
  errors: string[];
  wallMs: number;
}

export interface LoadResult {
  requests: number;
  concurrency: number;
  ok: number;
  errors: number;
  firstError: string | null;
  ttfb: Summary;
  firstData: Summary;
  total: Summary;
  requestsPerSecond: number;
}

/**
 * A browser's User-Agent: Next serves clients it does not recognise as browsers without streaming. No
 * `Accept: text/html`, which would make Clerk's middleware answer signed-out requests with a handshake redirect.
 */
const BROWSER_HEADERS = {
  "user-agent":
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
};

function timedGet(
  url: string,
  agent: Agent,
  headers: Record<string, string>,
  expect: string,
): Promise<{ ttfb: number; firstData: number; total: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let ttfb = Number.NaN;
    let firstData = Number.NaN;
    let received = "";
    const chunks: Buffer[] = [];
    const req = request(
      url,
      { agent, headers: { ...BROWSER_HEADERS, ...headers }, timeout: LIMITS.requestMs },
      (res) => {
        res.on("data", (chunk: Buffer) => {
          if (Number.isNaN(ttfb)) ttfb = performance.now() - started;
          chunks.push(chunk);
          // Decoded as it arrives (a character split across chunks only delays the match to the next chunk).
          if (Number.isNaN(firstData)) {
            received += chunk.toString("utf8");
            if (received.includes(expect)) firstData = performance.now() - started;
          }
        });
        res.on("end", () => {
          const total = performance.now() - started;
          const body = Buffer.concat(chunks).toString("utf8");
          if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode} from ${url}`));
          // A 200 without the data would be an error page or a signed-out render: not what we mean to time.
          else if (!body.includes(expect)) reject(new Error(`${url} answered without "${expect}"`));
          else resolve({ ttfb, firstData, total });
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${url} timed out`)));
    req.on("error", reject);
    req.end();
  });
}

/** `count` requests, `concurrency` at a time, stopping early at `deadline` (a performance.now() time). */
export async function loadRound(options: {
  url: string;
  headers: Record<string, string>;
  expect: string;
  count: number;
  concurrency: number;
  deadline: number;
}): Promise<RoundResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const result: RoundResult = { ttfb: [], firstData: [], total: [], errors: [], wallMs: 0 };
  let issued = 0;
  const started = performance.now();
  const worker = async () => {
    while (issued < options.count && performance.now() < options.deadline) {
      issued++;
      try {
        const { ttfb, firstData, total } = await timedGet(
          options.url,
          agent,
          options.headers,
          options.expect,
        );
        result.ttfb.push(ttfb);
        result.firstData.push(firstData);
        result.total.push(total);
      } catch (error) {
        result.errors.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  result.wallMs = performance.now() - started;
  agent.destroy();
  return result;
}

export function combine(rounds: RoundResult[], concurrency: number): LoadResult {
  const ttfb = rounds.flatMap((round) => round.ttfb);
  const firstData = rounds.flatMap((round) => round.firstData);
  const total = rounds.flatMap((round) => round.total);
  const errors = rounds.flatMap((round) => round.errors);
  const wallMs = rounds.reduce((sum, round) => sum + round.wallMs, 0);
  return {
    requests: total.length + errors.length,
    concurrency,
    ok: total.length,
    errors: errors.length,
    firstError: errors[0] ?? null,
    ttfb: summarize(ttfb),
    firstData: summarize(firstData),
    total: summarize(total),
    requestsPerSecond: wallMs === 0 ? 0 : (total.length / wallMs) * 1000,
  };
}
