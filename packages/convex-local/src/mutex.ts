/**
 * A FIFO async lock: what runs inside `run` never overlaps another `run` on the same mutex. `runSoon` jumps the
 * queue: it runs after the current holder and `after` of the tasks already waiting, before the rest.
 */
export class Mutex {
  private busy = false;
  private readonly waiting: (() => void)[] = [];

  run<T>(task: () => Promise<T>): Promise<T> {
    return this.enqueue(task, Infinity);
  }

  runSoon<T>(task: () => Promise<T>, after: number): Promise<T> {
    return this.enqueue(task, after);
  }

  private enqueue<T>(task: () => Promise<T>, position: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // Each caller sees its own task's failure; the queue moves on either way.
      const start = () =>
        void Promise.resolve()
          .then(task)
          .then(resolve, reject)
          .finally(() => this.release());
      if (!this.busy) {
        this.busy = true;
        start();
      } else this.waiting.splice(Math.min(position, this.waiting.length), 0, start);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next === undefined) this.busy = false;
    else next();
  }
}
