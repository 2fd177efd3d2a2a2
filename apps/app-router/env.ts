// The one module that reads this app's env. Imported by next.config.ts, so a missing variable stops
// `next dev` / `next build` at start with a message saying what to set.
import { validateAppEnv } from "@repo/auth/env";

export const env = validateAppEnv(
  {
    NEXT_PUBLIC_CONVEX_URL: process.env.NEXT_PUBLIC_CONVEX_URL,
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
    NEXT_PUBLIC_CLERK_PROXY_URL: process.env.NEXT_PUBLIC_CLERK_PROXY_URL,
    CLERK_SECRET_KEY: process.env.CLERK_SECRET_KEY,
    CLERK_JWT_KEY: process.env.CLERK_JWT_KEY,
    OTHER_APP_URL: process.env.PAGES_ROUTER_URL,
  },
  { server: typeof window === "undefined", defaultOtherApp: "http://localhost:3001" },
);
