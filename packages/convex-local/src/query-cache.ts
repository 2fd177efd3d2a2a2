// Query results shared by identical calls: one execution serves every caller that asks while it runs, and its
// result serves later callers until a commit invalidates it (the engine decides which, from what it read).

/** Results remembered at most; the oldest goes first (each result can be large). */
const MAX_ENTRIES = 256;

interface Entry<T> {
  value: Promise<T>;
  /** Set once the execution finished (checked synchronously at a commit: no stale hit in between). */
  result?: { value: T };
}

export class QueryCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  /** The result for `key`: a running or finished execution's, or a new one from `run`. */
  get(key: string, run: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit.value;
    const entry: Entry<T> = { value: run() };
    this.entries.set(key, entry);
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    entry.value.then(
      (value) => {
        entry.result = { value };
      },
      // A failure is the caller's to report, not a result to keep.
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.value;
  }

  /**
   * After a commit: drops the finished results it `touches`, and every running execution (whether it saw the
   * commit is unknown; its callers still get its result, later ones start afresh).
   */
  invalidate(touches: (result: T) => boolean): void {
    for (const [key, entry] of this.entries) {
      if (entry.result === undefined || touches(entry.result.value)) this.entries.delete(key);
    }
  }
}
