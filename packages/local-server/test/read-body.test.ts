// Body reading with a byte limit: an oversize body gets its 413 answer on a connection that stays usable.
import { Agent, createServer, request as httpRequest } from "node:http";
import type { Server } from "node:http";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { HttpError } from "../src/http-error";
import { listen } from "../src/listen";
import { readBody } from "../src/read-body";
import { sendJson } from "../src/respond";

const LIMIT = 1024;
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    readBody(request, {
      limit: LIMIT,
      tooLarge: (limit) => new HttpError(413, "TooLarge", `Over ${limit} bytes.`),
    }).then(
      (body) => sendJson(response, 200, { bytes: body.length }),
      (error: unknown) =>
        error instanceof HttpError
          ? sendJson(response, error.status, error.toJson())
          : sendJson(response, 500, {}),
    );
  });
  url = `http://127.0.0.1:${await listen(server, 0, "127.0.0.1", { portEnvName: "TEST_PORT" })}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("readBody", () => {
  it("reads a body up to the limit", async () => {
    const response = await fetch(url, { method: "POST", body: "x".repeat(LIMIT) });
    expect(await response.json()).toEqual({ bytes: LIMIT });
  });

  it("refuses a declared oversize body with 413", async () => {
    const response = await fetch(url, { method: "POST", body: "x".repeat(LIMIT + 1) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ code: "TooLarge", message: "Over 1024 bytes." });
  });

  it("refuses a streamed oversize body (no Content-Length) with 413, without resetting the socket", async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 64) controller.close();
        else controller.enqueue(new Uint8Array(256));
        sent += 1;
      },
    });
    const response = await fetch(url, { method: "POST", body, duplex: "half" } as RequestInit);
    expect(response.status).toBe(413);
    await response.arrayBuffer();
  });

  it("keeps a keep-alive connection usable after a 413", async () => {
    const agentRequest = (body: string) =>
      new Promise<{ status: number; socket: unknown }>((resolve, reject) => {
        const request = httpRequest(url, { method: "POST", agent }, (response) => {
          response.resume();
          response.on("end", () =>
            resolve({ status: response.statusCode ?? 0, socket: request.socket }),
          );
        });
        request.on("error", reject);
        request.end(body);
      });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const first = await agentRequest("x".repeat(LIMIT * 4));
    const second = await agentRequest("ok");
    expect(first.status).toBe(413);
    expect(second.status).toBe(200);
    expect(second.socket).toBe(first.socket);
    agent.destroy();
  });
});
