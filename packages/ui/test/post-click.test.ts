// @vitest-environment node
// postClick against a real HTTP server: the new value on success, the route's JSON error, and the bare status when
// a response is not the route's JSON (a proxy's HTML error page, Next's own 500).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { postClick } from "../src/post-click";

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const { counterName } = JSON.parse(Buffer.concat(chunks).toString()) as { counterName: string };
    const contentType = req.headers["content-type"];
    const reply = (status: number, type: string, body: string) =>
      res.writeHead(status, { "content-type": type }).end(body);
    if (counterName === "html") return reply(502, "text/html", "<h1>Bad gateway</h1>");
    if (counterName === "bad") return reply(400, "application/json", '{"error":"No."}');
    if (counterName === "odd") return reply(200, "application/json", '{"value":"7"}');
    reply(200, "application/json", JSON.stringify({ counterName, value: 3, contentType }));
  });
});

let endpoint: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/clicks`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("postClick", () => {
  it("returns the new value", async () => {
    expect(await postClick(endpoint, "clicks")).toBe(3);
  });

  it("throws the route's JSON error", async () => {
    await expect(postClick(endpoint, "bad")).rejects.toThrow("No.");
  });

  it("throws the status for a response that is not JSON", async () => {
    await expect(postClick(endpoint, "html")).rejects.toThrow("HTTP 502");
  });

  it("refuses a value that is not a number", async () => {
    await expect(postClick(endpoint, "odd")).rejects.toThrow("HTTP 200");
  });
});
