// Types shared with the apps, derived from the schema so they never drift.
import type { Doc } from "../convex/_generated/dataModel";

export type Task = Doc<"tasks">;
