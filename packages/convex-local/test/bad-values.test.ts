// Malformed Convex values in function arguments, one decoder for both transports: over HTTP a 400 naming the
// problem, over the socket a failed call with the same words (the connection stays up), and nothing written.
import { makeFunctionReference } from "convex/server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { BAD_VALUE_CLASSES, BAD_VALUE_COUNTERS, badArgs } from "./bad-values";
import type { RawSocket } from "./support";
import { httpClient, rawSocket, sendConnect, useBackend } from "./support";

const counterGet = makeFunctionReference<"query", { counterName: string }, number>("counter:get");

const server = useBackend();

async function postMutation(argsText: string) {
  const response = await fetch(`${server.backend.url}/api/mutation`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: `{"path":"counter:increment","args":[${argsText}]}`,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function connected(): Promise<RawSocket> {
  const raw = await rawSocket(server.backend.url);
  sendConnect(raw.socket);
  return raw;
}

async function nothingWritten() {
  const client = httpClient(server.backend.url);
  for (const counterName of BAD_VALUE_COUNTERS)
    expect(await client.query(counterGet, { counterName })).toBe(0);
}

describe("malformed values in arguments", () => {
  it.each(BAD_VALUE_CLASSES)(
    "refuses $name with 400 over HTTP",
    async ({ text, code, message }) => {
      const { status, body } = await postMutation(text);
      expect(status).toBe(400);
      expect(body).toEqual({ code, message: expect.stringMatching(message) as unknown });
      await nothingWritten();
    },
  );

  it.each(BAD_VALUE_CLASSES)(
    "fails the call, not the socket, for $name over WebSocket",
    async ({ text, message }) => {
      const raw = await connected();
      raw.socket.send(
        `{"type":"Mutation","requestId":1,"udfPath":"counter:increment","args":[${text}]}`,
      );
      raw.socket.send(
        `{"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[{"type":"Add","queryId":0,"udfPath":"counter:get","args":[${text}]}]}`,
      );
      const mutation = await raw.next("MutationResponse");
      expect(mutation).toMatchObject({ requestId: 1, success: false });
      expect(mutation.result).toMatch(message);
      const transition = await raw.next("Transition");
      expect(transition.modifications).toEqual([
        expect.objectContaining({
          type: "QueryFailed",
          queryId: 0,
          errorMessage: expect.stringMatching(message) as unknown,
        }),
      ]);
      expect(raw.messages.filter((m) => m.type === "FatalError")).toEqual([]);
      expect(raw.socket.readyState).toBe(raw.socket.OPEN);
      raw.socket.close();
      await nothingWritten();
    },
  );

  it("accepts arguments nested exactly 64 levels deep (Convex's limit)", async () => {
    // counterName is level 2: 63 arrays put the innermost at level 64; the validator, not the decoder, refuses.
    const { status, body } = await postMutation(
      `{"counterName":${"[".repeat(63)}1${"]".repeat(63)}}`,
    );
    expect(status).toBe(560);
    expect(body.errorMessage).toMatch(/ArgumentValidationError/);
  });

  it("answers generated malformed values with 400 over HTTP and a failed call over WebSocket", async () => {
    const raw = await connected();
    let requestId = 0;
    await fc.assert(
      fc.asyncProperty(badArgs, async (text) => {
        const http = await postMutation(text);
        expect(http.status).toBe(400);
        expect(http.body.message).toEqual(expect.any(String));
        raw.socket.send(
          `{"type":"Mutation","requestId":${++requestId},"udfPath":"counter:increment","args":[${text}]}`,
        );
        const ws = await raw.next("MutationResponse");
        expect(ws).toMatchObject({ requestId, success: false, result: http.body.message });
      }),
      { numRuns: 150, interruptAfterTimeLimit: 15_000, markInterruptAsFailure: false },
    );
    expect(raw.messages.filter((m) => m.type === "FatalError")).toEqual([]);
    raw.socket.close();
    expect(
      await httpClient(server.backend.url).query(counterGet, { counterName: "fuzzed-bad-value" }),
    ).toBe(0);
  });
});
