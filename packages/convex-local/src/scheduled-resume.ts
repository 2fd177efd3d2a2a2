// Scheduled functions survive a restart. Their `_scheduled_functions` rows are persisted with every other
// document, but convex-test keeps the timer that runs one only in the process that scheduled it. At start-up,
// every job still `pending` gets a timer again (overdue ones run at once), and a mutation left `inProgress` by a
// crash runs again: its writes never committed, and Convex runs scheduled mutations exactly once. An action left
// `inProgress` is marked failed instead, since it may have had side effects (Convex does not retry actions
// either: https://docs.convex.dev/scheduling/scheduled-functions#error-handling).
import type { JSONValue, Value } from "convex/values";
import { convexToJson } from "convex/values";

import type { FunctionKind } from "./functions";

// Captured before convex-test swaps timer globals while functions run.
const realSetTimeout = globalThis.setTimeout.bind(globalThis);
const realClearTimeout = globalThis.clearTimeout.bind(globalThis);
/** setTimeout's longest delay; longer waits re-arm. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface ScheduledJob {
  id: string;
  name: string;
  args: JSONValue;
  scheduledTime: number;
  state: string;
}

/** Runs functions by name without a caller identity, as scheduled functions and crons run. */
export interface FunctionRunner {
  kindOf(name: string): Promise<FunctionKind | null>;
  run(
    kind: "mutation" | "action",
    name: string,
    args: JSONValue,
  ): Promise<{ ok: true } | { ok: false; errorMessage: string }>;
}

export interface JobRunner extends FunctionRunner {
  /** Moves the job from `from` to `to` in one transaction; false when it is no longer in `from` (canceled). */
  transition(id: string, from: string[], to: Record<string, Value>): Promise<boolean>;
}

/** Reads a `_scheduled_functions` document; null for one this server cannot run. */
export function scheduledJob(id: string, doc: Record<string, Value>): ScheduledJob | null {
  const state = (doc.state as { kind?: unknown } | undefined)?.kind;
  const args = Array.isArray(doc.args) ? doc.args[0] : undefined;
  if (typeof doc.name !== "string" || typeof doc.scheduledTime !== "number") return null;
  if (typeof state !== "string" || args === undefined) return null;
  return {
    id,
    name: doc.name,
    args: convexToJson(args),
    scheduledTime: doc.scheduledTime,
    state,
  };
}

export class ScheduledResumer {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private stopped = false;

  constructor(
    private readonly runner: JobRunner,
    private readonly log: (line: string) => void,
  ) {}

  resume(jobs: ScheduledJob[]): void {
    for (const job of jobs) {
      if (job.state === "pending") this.arm(job, job.scheduledTime);
      else if (job.state === "inProgress") void this.interrupted(job);
    }
  }

  private arm(job: ScheduledJob, at: number): void {
    const delay = Math.max(0, at - Date.now());
    const timer = realSetTimeout(
      () => {
        this.timers.delete(timer);
        if (delay > MAX_DELAY_MS) this.arm(job, at);
        else void this.execute(job, ["pending"]);
      },
      Math.min(delay, MAX_DELAY_MS),
    );
    this.timers.add(timer);
  }

  private async interrupted(job: ScheduledJob): Promise<void> {
    if ((await this.runner.kindOf(job.name)) === "mutation") {
      await this.execute(job, ["inProgress"]);
      return;
    }
    await this.runner.transition(job.id, ["inProgress"], {
      state: { kind: "failed", error: "The server stopped while this action ran." },
      completedTime: Date.now(),
    });
  }

  private async execute(job: ScheduledJob, from: string[]): Promise<void> {
    if (this.stopped) return;
    try {
      const kind = await this.runner.kindOf(job.name);
      if (kind !== "mutation" && kind !== "action") {
        await this.runner.transition(job.id, from, {
          state: { kind: "failed", error: `Could not find function for '${job.name}'.` },
          completedTime: Date.now(),
        });
        return;
      }
      if (!(await this.runner.transition(job.id, from, { state: { kind: "inProgress" } }))) return;
      const outcome = await this.runner.run(kind, job.name, job.args);
      await this.runner.transition(
        job.id,
        ["inProgress"],
        outcome.ok
          ? { state: { kind: "success" }, completedTime: Date.now() }
          : { state: { kind: "failed", error: outcome.errorMessage }, completedTime: Date.now() },
      );
    } catch (error) {
      this.log(`convex-local: scheduled ${job.name} (${job.id}) could not run: ${String(error)}`);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) realClearTimeout(timer);
    this.timers.clear();
  }
}
