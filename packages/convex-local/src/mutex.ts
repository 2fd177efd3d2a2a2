/** A FIFO async lock: what runs inside `run` never overlaps another `run` on the same mutex. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    // The queue only orders tasks; each caller sees its own task's failure.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
