// Fails fast when something already listens on a port a run needs (most often a previous run left behind):
// reusing it would mean yesterday's data, or someone else's server in the measurements.
import { createServer } from "node:net";

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

export async function assertPortsFree(ports: number[]): Promise<void> {
  const taken: number[] = [];
  for (const port of ports) if (!(await isFree(port))) taken.push(port);
  if (taken.length > 0) {
    throw new Error(
      `Port(s) ${taken.join(", ")} on 127.0.0.1 are in use. Stop what listens there ` +
        `(ss -ltnp 'sport = :${taken[0] ?? ""}') and retry.`,
    );
  }
}
