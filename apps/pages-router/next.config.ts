import { withAuthProvider } from "@repo/auth/next-config";
import { nextSecurityConfig } from "@repo/ui/security-headers";
import type { NextConfig } from "next";

// Validates env on import: a missing variable stops `next dev` / `next build` here.
import { env } from "./env";

// A function of the phase: `next dev` gets the development CSP (React's dev tooling needs eval), everything else not.
const config = (phase: string): NextConfig => ({
  ...nextSecurityConfig(env, phase),
  // The e2e suite and the benchmark build into their own folders (their local ports are baked into the
  // client bundle), so neither clobbers the other's build or yours.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Set by @repo/offline-stack for the e2e and benchmark builds: the `typecheck` task checks these types once.
  typescript: { ignoreBuildErrors: process.env.NEXT_BUILD_SKIP_TYPECHECK === "1" },
  // Bundle the Clerk SDKs too: left external, the server would load @clerk/nextjs and @clerk/react in different
  // module formats, giving @repo/ui's hooks a second, empty ClerkProvider context.
  transpilePackages: [
    "@repo/auth",
    "@repo/ui",
    "@repo/convex",
    "@clerk/nextjs",
    "@clerk/react",
    "@clerk/shared",
  ],
  reactStrictMode: true,
  experimental: {
    // convex/server's index re-exports the whole server API: imported through it, the generated `api` (anyApi)
    // also brought the schema builders, validators and syscall code into the browser bundle (3.7 kB gzip).
    optimizePackageImports: ["convex/server"],
  },
});

// AUTH_PROVIDER picks the auth provider's modules at build time (one provider's SDK per bundle).
export default (phase: string): NextConfig => withAuthProvider(config(phase), "pages");
