import type { NextConfig } from "next";

// Validate env before anything else runs.
import "./env";

const config: NextConfig = {
  transpilePackages: ["@repo/ui", "@repo/convex"],
  reactStrictMode: true,
};

export default config;
