// The one module that reads this package's env.

/** The caller's env, as the base for the child processes (builds, servers) the benchmark starts. */
export function inheritedEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
}
