// The one module that reads this app's env. Imported by next.config.ts, so a missing variable stops
// `next dev` / `next build` at start with a message saying what to set.
import { validateAppEnv } from "@repo/auth/env";

export const env = validateAppEnv(
  {
    AUTH_PROVIDER: process.env.AUTH_PROVIDER,
    NEXT_PUBLIC_CONVEX_URL: process.env.NEXT_PUBLIC_CONVEX_URL,
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
    NEXT_PUBLIC_CLERK_PROXY_URL: process.env.NEXT_PUBLIC_CLERK_PROXY_URL,
    CLERK_SECRET_KEY: process.env.CLERK_SECRET_KEY,
    CLERK_JWT_KEY: process.env.CLERK_JWT_KEY,
    AUTH0_DOMAIN: process.env.AUTH0_DOMAIN,
    AUTH0_CLIENT_ID: process.env.AUTH0_CLIENT_ID,
    AUTH0_CLIENT_SECRET: process.env.AUTH0_CLIENT_SECRET,
    AUTH0_SECRET: process.env.AUTH0_SECRET,
    APP_BASE_URL: process.env.APP_BASE_URL,
    OTHER_APP_URL: process.env.PAGES_ROUTER_URL,
  },
  { server: typeof window === "undefined", defaultOtherApp: "http://localhost:3001" },
);
