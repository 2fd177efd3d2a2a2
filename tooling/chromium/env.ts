// The one module that reads this package's env.

/** Debian's Chromium unless PLAYWRIGHT_CHROMIUM_PATH names another build. */
export const chromiumPath =
  (process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "").trim() || "/usr/bin/chromium";
