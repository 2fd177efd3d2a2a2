// Which component a scheduled job runs in. convex-test keeps a job's `_scheduled_functions` row in the database
// of the component that scheduled it, with only the target's udf path as its `name`: the target's component
// lives in the timer convex-test set, nowhere else. A job scheduled into another component (by a function
// handle: a workpool's onComplete, any callback a component is handed) would run after a restart
// (./scheduled-resume) as a function of the scheduling component, which has no such function or, worse, one of
// the same name. So the target of each such job is remembered here while the job can still run, and persisted
// with its row in a field of its own, stripped again on load: functions never see it.
import type { JSONValue } from "convex/values";

import { tableOfId } from "./ids";

/** The persisted row's field naming the component its job runs in (absent: the scheduling one). */
export const TARGET_FIELD = "__convexLocalTarget";

/** A job that may still run: its target is needed until it settles. */
const UNSETTLED = new Set(["pending", "inProgress"]);

const isScheduledRow = (id: string) => tableOfId(id) === "_scheduled_functions";

export class ScheduledTargets {
  /** Scoped row id (./component-scope) -> the component its job runs in. */
  private readonly targets = new Map<string, string>();

  /**
   * A job just scheduled from `scheduler` (its row's scoped id) to run in `target`. Recorded before its
   * transaction commits: one that rolls back leaves an entry for a row that never exists, which misdirects
   * nothing (ids are not reused) and is gone after a restart (entries come back only from persisted rows).
   */
  record(rowKey: string, scheduler: string, target: string): void {
    if (target !== scheduler) this.targets.set(rowKey, target);
  }

  /** The component the job of a row runs in, when it is not the one that scheduled it. */
  targetOf(rowKey: string): string | undefined {
    return this.targets.get(rowKey);
  }

  /**
   * A row as persisted (its scoped key and Convex JSON; `id` its id in its component): a job scheduled into
   * another component carries its target while it may still run. A settled one is forgotten.
   */
  persisted(rowKey: string, id: string, json: JSONValue): JSONValue {
    const target = this.targets.get(rowKey);
    if (target === undefined || !isScheduledRow(id)) return json;
    const state = (json as { state?: { kind?: unknown } }).state?.kind;
    if (typeof state !== "string" || !UNSETTLED.has(state)) {
      this.targets.delete(rowKey);
      return json;
    }
    return { ...(json as Record<string, JSONValue>), [TARGET_FIELD]: target };
  }

  /** A persisted row back as convex-test keeps it, its target (if it had one) remembered. */
  restored(rowKey: string, id: string, json: JSONValue): JSONValue {
    if (!isScheduledRow(id) || typeof json !== "object" || json === null || Array.isArray(json))
      return json;
    const { [TARGET_FIELD]: target, ...row } = json;
    if (typeof target === "string") this.targets.set(rowKey, target);
    return target === undefined ? json : row;
  }
}
