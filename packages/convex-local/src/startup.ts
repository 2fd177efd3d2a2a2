// Start-up failures that name the file at fault and the way out, instead of a bare stack trace.

/** Loads (imports, evaluates) one of the project's files the server needs before it can start. */
export async function loadAtStartup<T>(file: string, load: () => T | Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${file} could not be loaded: ${reason}\n` +
        "Fix the file and save it (the dev server restarts on changes in convex/).",
    );
  }
}

/** Creates what lives in the data folder; a folder that cannot be used says how to pick another. */
export function openDataFolder<T>(dir: string, open: () => T): T {
  try {
    return open();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `The data folder ${dir} cannot be used: ${reason}\n` +
        "Fix its permissions, or choose another folder with --data-dir (or OFFLINE_DATA_DIR).",
    );
  }
}
