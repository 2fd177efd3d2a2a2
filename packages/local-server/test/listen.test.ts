// A port already taken: the error says so and names the env var that moves the server.
import { createServer } from "node:http";

import { expect, it } from "vitest";

import { listen } from "../src/listen";

it("rejects a port in use with a message naming the env var to set", async () => {
  const first = createServer();
  const port = await listen(first, 0, "127.0.0.1", { portEnvName: "FIRST_PORT" });
  expect(port).toBeGreaterThan(0);
  const second = createServer();
  await expect(
    listen(second, port, "127.0.0.1", { portEnvName: "EXAMPLE_LOCAL_PORT" }),
  ).rejects.toThrow(
    `Port ${port} on 127.0.0.1 is in use: stop what runs there or set EXAMPLE_LOCAL_PORT.`,
  );
  await new Promise((resolve) => first.close(resolve));
});
