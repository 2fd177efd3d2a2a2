// Fails fast when something already listens on an e2e port (a previous run left behind, most likely).
import { createServer } from "node:net";

export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", () =>
      reject(
        new Error(
          `e2e: port ${port} on 127.0.0.1 is in use. Stop what listens there (ss -ltnp 'sport = :${port}') and retry.`,
        ),
      ),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}
