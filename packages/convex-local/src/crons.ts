// Runs the jobs a project's convex/crons.ts declares (cronJobs() from convex/server): crons.interval, crons.cron
// (5-field expressions, UTC) and hourly/daily/weekly/monthly, which Convex defines in UTC too
// (https://docs.convex.dev/scheduling/cron-jobs). As on Convex, a job whose previous run has not finished is
// skipped rather than run twice at once, and runs missed while the server was down are not caught up. Convex
// starts an interval job when it is first deployed; this server has no deploys, so it starts them at start-up.
// Whatever cannot run (an unknown schedule type, a function that is missing or not a mutation/action) is
// reported at start-up instead of being ignored.
import type { JSONValue } from "convex/values";
import { Cron } from "croner";

import type { FunctionRunner } from "./scheduled-resume";

// Captured before convex-test swaps timer globals while functions run.
const realSetTimeout = globalThis.setTimeout.bind(globalThis);
const realClearTimeout = globalThis.clearTimeout.bind(globalThis);
const MAX_DELAY_MS = 2 ** 31 - 1;

/** One entry of `Crons.export()`: `{name, args: [args], schedule}`. */
interface ExportedCron {
  name: string;
  args: JSONValue[];
  schedule: Record<string, unknown> & { type: string };
}

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

const num = (value: unknown, fallback?: number): number => {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value))
    throw new Error(`bad number ${String(value)}`);
  return value;
};

/** When a schedule next fires after `after` (ms since the epoch). Throws for a schedule it cannot run. */
export function nextRunAfter(schedule: ExportedCron["schedule"], after: number): number {
  if (schedule.type === "interval") {
    const { seconds, minutes, hours } = schedule as {
      seconds?: number;
      minutes?: number;
      hours?: number;
    };
    const ms = ((seconds ?? 0) + (minutes ?? 0) * 60 + (hours ?? 0) * 3600) * 1000;
    if (!(ms > 0)) throw new Error("interval must be positive");
    return after + ms;
  }
  const minute = () => num(schedule.minuteUTC, 0);
  let pattern: string;
  switch (schedule.type) {
    case "cron":
      pattern = String(schedule.cron);
      break;
    case "hourly":
      pattern = `${minute()} * * * *`;
      break;
    case "daily":
      pattern = `${minute()} ${num(schedule.hourUTC)} * * *`;
      break;
    case "weekly": {
      const day = DAYS.indexOf(String(schedule.dayOfWeek));
      if (day === -1) throw new Error(`unknown dayOfWeek ${String(schedule.dayOfWeek)}`);
      pattern = `${minute()} ${num(schedule.hourUTC)} * * ${day}`;
      break;
    }
    case "monthly":
      // Convex: "scheduled to run on the 30th will not run in February" (convex/server cron.ts), as cron does.
      pattern = `${minute()} ${num(schedule.hourUTC)} ${num(schedule.day)} * *`;
      break;
    default:
      throw new Error(`schedule type "${schedule.type}" is not supported by convex-local`);
  }
  const next = new Cron(pattern, { timezone: "UTC", mode: "5-part", paused: true }).nextRun(
    new Date(after),
  );
  if (next === null) throw new Error(`"${pattern}" never fires`);
  return next.getTime();
}

function describeSchedule(schedule: ExportedCron["schedule"]): string {
  const { type, ...rest } = schedule;
  return `${type} ${JSON.stringify(rest)}`;
}

export class CronScheduler {
  /** One line per job, for the start-up banner. */
  readonly jobs: string[] = [];
  /** Jobs that will not run, with the reason. */
  readonly problems: string[] = [];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly running = new Set<string>();
  private stopped = false;

  private constructor(
    private readonly runner: FunctionRunner,
    private readonly log: (line: string) => void,
  ) {}

  /** Checks every job of an exported crons.ts (`Crons.export()` JSON) and starts the ones that can run. */
  static async start(
    exported: string | null,
    runner: FunctionRunner,
    log: (line: string) => void,
  ): Promise<CronScheduler> {
    const scheduler = new CronScheduler(runner, log);
    if (exported === null) return scheduler;
    let crons: Record<string, ExportedCron>;
    try {
      crons = JSON.parse(exported) as Record<string, ExportedCron>;
    } catch (error) {
      scheduler.problems.push(`crons.ts: its default export could not be read (${String(error)})`);
      return scheduler;
    }
    for (const [id, cron] of Object.entries(crons)) {
      const label = `${id} -> ${cron.name} (${describeSchedule(cron.schedule)})`;
      const kind = await runner.kindOf(cron.name);
      if (kind !== "mutation" && kind !== "action") {
        scheduler.problems.push(
          `${label}: ${kind === null ? "no such function" : `a ${kind}, but crons run mutations and actions`}`,
        );
        continue;
      }
      try {
        nextRunAfter(cron.schedule, Date.now());
      } catch (error) {
        scheduler.problems.push(`${label}: ${(error as Error).message}`);
        continue;
      }
      scheduler.jobs.push(label);
      // "The first run occurs when the cron job is first deployed" (docs above): here, when the server starts.
      const first =
        cron.schedule.type === "interval" ? Date.now() : nextRunAfter(cron.schedule, Date.now());
      scheduler.arm(id, cron, kind, first);
    }
    return scheduler;
  }

  private arm(id: string, cron: ExportedCron, kind: "mutation" | "action", at: number): void {
    if (this.stopped) return;
    const delay = Math.max(0, at - Date.now());
    const timer = realSetTimeout(
      () => {
        if (delay > MAX_DELAY_MS) return this.arm(id, cron, kind, at);
        this.arm(id, cron, kind, nextRunAfter(cron.schedule, Math.max(at, Date.now())));
        void this.fire(id, cron, kind);
      },
      Math.min(delay, MAX_DELAY_MS),
    );
    this.timers.set(id, timer);
  }

  private async fire(id: string, cron: ExportedCron, kind: "mutation" | "action"): Promise<void> {
    if (this.running.has(id)) {
      this.log(`convex-local: cron ${id} skipped: its previous run has not finished`);
      return;
    }
    this.running.add(id);
    try {
      const outcome = await this.runner.run(kind, cron.name, cron.args[0] ?? {});
      if (!outcome.ok)
        this.log(`convex-local: cron ${id} (${cron.name}) failed: ${outcome.errorMessage}`);
    } catch (error) {
      this.log(`convex-local: cron ${id} could not run: ${String(error)}`);
    } finally {
      this.running.delete(id);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) realClearTimeout(timer);
    this.timers.clear();
  }
}
