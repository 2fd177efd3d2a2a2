// Function logs: streamed to the terminal and returned to the caller as `logLines`, like the real backend.
import { AsyncLocalStorage } from "node:async_hooks";
import { inspect } from "node:util";

const LEVELS = { log: "LOG", info: "INFO", warn: "WARN", error: "ERROR", debug: "DEBUG" } as const;
type Method = keyof typeof LEVELS;

/** A console line as Convex streams it to `npx convex logs` (structured: level and one message per argument). */
export interface StructuredLogLine {
  messages: string[];
  level: (typeof LEVELS)[Method];
  /** Unix time in milliseconds. */
  timestamp: number;
  isTruncated: boolean;
}

interface Collector {
  label: string;
  lines: string[];
  structured: StructuredLogLine[];
}

const collectors = new AsyncLocalStorage<Collector>();
const original = { ...console };
let installed = false;
let sink: ((line: string) => void) | null = (line) => original.log(line);

const formatArg = (arg: unknown): string =>
  typeof arg === "string" ? `'${arg}'` : inspect(arg, { depth: 4 });

/** Routes console calls made inside a function run to that run's collector (and the terminal). */
export function installLogCapture(): void {
  if (installed) return;
  installed = true;
  for (const method of Object.keys(LEVELS) as Method[]) {
    console[method] = (...args: unknown[]) => {
      const collector = collectors.getStore();
      if (collector === undefined) {
        original[method](...args);
        return;
      }
      const messages = args.map(formatArg);
      const line = `[${LEVELS[method]}] ${messages.join(" ")}`;
      collector.lines.push(line);
      collector.structured.push({
        messages,
        level: LEVELS[method],
        timestamp: Date.now(),
        isTruncated: false,
      });
      sink?.(`${new Date().toISOString()} ${collector.label} ${line}`);
    };
  }
}

/** Where captured lines are streamed; null silences them (tests, benchmarks). */
export function setLogSink(next: ((line: string) => void) | null): void {
  sink = next;
}

/** Runs `run`, keeping the console lines it wrote whether it returns or throws. */
export async function collectLogs<T>(
  label: string,
  run: () => Promise<T>,
): Promise<
  | { ok: true; value: T; lines: string[]; structured: StructuredLogLine[] }
  | { ok: false; error: unknown; lines: string[]; structured: StructuredLogLine[] }
> {
  const collector: Collector = { label, lines: [], structured: [] };
  try {
    const value = await collectors.run(collector, run);
    return { ok: true, value, lines: collector.lines, structured: collector.structured };
  } catch (error) {
    return { ok: false, error, lines: collector.lines, structured: collector.structured };
  }
}
