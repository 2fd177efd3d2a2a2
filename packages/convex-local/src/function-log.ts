// The function executions `npx convex logs` streams (GET /api/stream_function_logs): a bounded buffer of
// Convex's `FunctionExecutionJson` Completion entries, read with a cursor and long-polled when none is new.
import type { StructuredLogLine } from "./log-capture";

export type UdfType = "Query" | "Mutation" | "Action" | "HttpAction";

/** One function run, in the wire shape of Convex's `FunctionExecutionJson::Completion`. */
export interface FunctionExecution {
  kind: "Completion";
  udfType: UdfType;
  componentPath: null;
  identifier: string;
  logLines: StructuredLogLine[];
  /** Unix time in seconds, when the run ended. */
  timestamp: number;
  cachedResult: boolean;
  /** Seconds. */
  executionTime: number;
  success: null;
  error: string | null;
  requestId: string;
  executionId: string;
  usageStats: Record<string, number | null>;
  occInfo: null;
  executionTimestamp: number;
  identityType: string;
  environment: "isolate";
}

export interface ExecutionRecord {
  udfType: UdfType;
  identifier: string;
  logLines: StructuredLogLine[];
  startedMs: number;
  error: string | null;
}

export const FUNCTION_LOG_LIMITS = {
  /** Executions kept (the oldest go first). */
  entries: 10_000,
  /** Executions in one response; the CLI asks again from the cursor it gets. */
  entriesPerResponse: 1_000,
  /** Console lines kept per execution (Convex keeps 256). */
  linesPerEntry: 256,
  /** Characters kept per line (longer ones are cut and marked `isTruncated`). */
  charsPerLine: 32 * 1024,
  /** Requests waiting for new entries at once; more get a 429. */
  waiters: 64,
};

interface Stored {
  cursor: number;
  entry: FunctionExecution;
}

function truncateLine(line: StructuredLogLine, limit: number): StructuredLogLine {
  let left = limit;
  let cut = false;
  const messages: string[] = [];
  for (const message of line.messages) {
    if (left <= 0) {
      cut = true;
      break;
    }
    if (message.length > left) {
      messages.push(message.slice(0, left));
      cut = true;
      left = 0;
    } else {
      messages.push(message);
      left -= message.length;
    }
  }
  return cut ? { ...line, messages, isTruncated: true } : line;
}

export class FunctionLog {
  private readonly stored: Stored[] = [];
  private lastCursor = 0;
  private nextRequest = 1;
  private readonly waiting = new Set<() => void>();

  constructor(private readonly limits = FUNCTION_LOG_LIMITS) {}

  record(run: ExecutionRecord): void {
    const now = Date.now();
    // Cursors are milliseconds (as Convex's are), strictly increasing so none is skipped or repeated.
    const cursor = Math.max(now, this.lastCursor + 0.001);
    this.lastCursor = cursor;
    const lines = run.logLines
      .slice(0, this.limits.linesPerEntry)
      .map((line) => truncateLine(line, this.limits.charsPerLine));
    const requestId = (this.nextRequest++).toString(16).padStart(16, "0");
    this.stored.push({
      cursor,
      entry: {
        kind: "Completion",
        udfType: run.udfType,
        componentPath: null,
        identifier: run.identifier,
        logLines: lines,
        timestamp: now / 1000,
        cachedResult: false,
        executionTime: Math.max(0, now - run.startedMs) / 1000,
        success: null,
        error: run.error,
        requestId,
        executionId: requestId,
        usageStats: {
          databaseReadBytes: 0,
          databaseWriteBytes: 0,
          databaseReadDocuments: 0,
          storageReadBytes: 0,
          storageWriteBytes: 0,
          vectorIndexReadBytes: 0,
          vectorIndexWriteBytes: 0,
          actionMemoryUsedMb: null,
        },
        occInfo: null,
        executionTimestamp: run.startedMs / 1000,
        identityType: "unknown",
        environment: "isolate",
      },
    });
    if (this.stored.length > this.limits.entries)
      this.stored.splice(0, this.stored.length - this.limits.entries);
    for (const wake of this.waiting) wake();
  }

  /**
   * Entries after `cursor` and the cursor to ask with next. Past `entriesPerResponse` only the newest are sent
   * (a tail that fell behind skips ahead rather than replaying the backlog).
   */
  after(cursor: number): { entries: FunctionExecution[]; newCursor: number } {
    // Binary search: the buffer is ordered by cursor.
    let low = 0;
    let high = this.stored.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.stored[middle]?.cursor ?? 0) <= cursor) low = middle + 1;
      else high = middle;
    }
    const page = this.stored.slice(
      Math.max(low, this.stored.length - this.limits.entriesPerResponse),
    );
    const last = page.at(-1);
    return {
      entries: page.map((stored) => stored.entry),
      newCursor: last === undefined ? Math.max(cursor, this.lastCursor) : last.cursor,
    };
  }

  /**
   * As `after`, but when nothing is new waits up to `waitMs` for an entry (Convex long-polls for 60 s).
   * Null when too many requests are already waiting. `signal` ends the wait early (client gone, shutdown).
   */
  async poll(
    cursor: number,
    waitMs: number,
    signal: AbortSignal,
  ): Promise<{ entries: FunctionExecution[]; newCursor: number } | null> {
    const now = this.after(cursor);
    if (now.entries.length > 0 || waitMs <= 0 || signal.aborted) return now;
    if (this.waiting.size >= this.limits.waiters) return null;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      this.waiting.add(done);
      signal.addEventListener("abort", done);
    });
    return this.after(cursor);
  }

  /** Ends every wait (server stop). */
  close(): void {
    for (const wake of [...this.waiting]) wake();
  }
}
