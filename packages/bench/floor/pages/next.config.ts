import type { NextConfig } from "next";

// Nothing but what the measured apps share with it: its own build folder (the benchmark builds into .next-bench).
const config: NextConfig = {
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  reactStrictMode: true,
};

export default config;
