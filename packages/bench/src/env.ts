// The one module that reads this package's env.

/** The Chromium the browser measurements drive (Playwright's own build cannot be downloaded offline). */
export const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The caller's env, as the base for the child processes (builds, servers) the benchmark starts. */
export function inheritedEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
}
