import { nextAppConfig } from "@repo/auth/next-config";
import { nextSecurityConfig } from "@repo/ui/security-headers";

// Validates env on import: a missing variable stops `next dev` / `next build` here.
import { env } from "./env";

export default nextAppConfig("app", (phase) => ({
  ...nextSecurityConfig(env, phase),
  // Partial Prerendering: every page is a static shell prerendered at build time, with what reads Convex or the
  // request streamed into the same response inside <Suspense>, and "use cache" for cached public data (/cached).
  cacheComponents: true,
}));
