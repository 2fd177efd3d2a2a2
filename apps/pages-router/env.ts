// The one module that reads this app's env (@repo/auth/env declares and validates it). Imported by next.config.ts,
// so a missing variable stops `next dev` / `next build` at start with a message saying what to set.
import { appEnv } from "@repo/auth/env";

export const env = appEnv("pages");
