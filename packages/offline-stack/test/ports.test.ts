import { createServer } from "node:net";
import type { AddressInfo } from "node:net";

import { expect, it } from "vitest";

import { assertPortsFree } from "../src/ports";

it("names every taken port, and passes free ones", async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const taken = (server.address() as AddressInfo).port;
  try {
    await expect(assertPortsFree([taken])).rejects.toThrow(
      `Port(s) ${taken} on 127.0.0.1 are in use`,
    );
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  await expect(assertPortsFree([taken])).resolves.toBeUndefined();
});
