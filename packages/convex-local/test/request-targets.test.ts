// Raw request targets the URL parser refuses, on the API port: a 4xx, never a 500, and never a crash (the
// WebSocket upgrade listener runs outside any request handler, so a throw there would take the process down).
import { connect } from "node:net";

import { expect, it } from "vitest";

import { useBackend } from "./support";

const server = useBackend();

function statusLine(request: string): Promise<string> {
  const port = Number(new URL(server.backend.url).port);
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(request));
    let data = "";
    socket.on("data", (chunk) => (data += String(chunk)));
    socket.on("end", () => resolve(data.split("\r\n")[0] ?? ""));
    socket.on("error", (error) => resolve(String(error)));
  });
}

it("answers a target that is not a URL with 400", async () => {
  for (const target of ["http://[", "http://[/api/query"]) {
    expect(
      await statusLine(
        `POST ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      ),
      target,
    ).toMatch(/^HTTP\/1\.1 400 /);
  }
});

it("refuses a WebSocket upgrade to such a target and stays up", async () => {
  const upgrade =
    "GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" +
    "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
  expect(await statusLine(upgrade)).toMatch(/^HTTP\/1\.1 404 /);
  expect((await fetch(`${server.backend.url}/version`)).status).toBe(200);
});

it("answers 405 with Allow for a known path under another method", async () => {
  const response = await fetch(`${server.backend.url}/api/query`);
  expect(response.status).toBe(405);
  expect(response.headers.get("allow")).toBe("POST");
  expect(await response.json()).toEqual({
    code: "MethodNotAllowed",
    message: "/api/query only accepts POST.",
  });
});
