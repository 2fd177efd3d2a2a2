// Launch settings for Chromium in tests and benchmarks, shared so both drive the browser the same way.
export { chromiumPath } from "./env";

/**
 * --no-sandbox: CI runs as root. The rest stop Chromium dialling Google's services at start, which on a closed
 * network floods the logs with refused connections and slows the first page load.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
