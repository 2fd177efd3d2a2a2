import { nextAppConfig } from "@repo/auth/next-config";
import { nextSecurityConfig } from "@repo/ui/security-headers";

// Validates env on import: a missing variable stops `next dev` / `next build` here.
import { env } from "./env";

export default nextAppConfig("pages", (phase) => nextSecurityConfig(env, phase));
