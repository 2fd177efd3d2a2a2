// Next runs register() once when the server starts: the env is checked there too (see exitOnInvalidEnv for why).
import { exitOnInvalidEnv } from "@repo/auth/server-start";

export const register = (): Promise<void> => exitOnInvalidEnv(() => import("./env"));
