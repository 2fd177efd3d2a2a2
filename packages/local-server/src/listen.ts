// Listening on a port with an error that says what to do when it is taken.
import type { AddressInfo, Server } from "node:net";

export interface ListenOptions {
  /** The env var that moves this server to another port, named in the port-in-use error. */
  portEnvName: string;
}

/** Listens on `port` (0: any free one) and resolves with the port it got. */
export function listen(
  server: Server,
  port: number,
  host: string,
  options: ListenOptions,
): Promise<number> {
  return new Promise<number>((resolvePort, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(
              `Port ${port} on ${host} is in use: stop what runs there or set ${options.portEnvName}.`,
            )
          : error,
      );
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolvePort((server.address() as AddressInfo).port);
    });
  });
}
