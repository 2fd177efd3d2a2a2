// Types shared with the apps, derived from the schema so they never drift.
import type { Doc, Id } from "./_generated/dataModel";

export type Task = Doc<"tasks">;
export type TaskId = Id<"tasks">;
export type User = Doc<"users">;
export type Summary = Doc<"summaries">;
