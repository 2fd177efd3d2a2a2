// The POST /api/clicks contract both apps share: every way a request is refused, with the status and the message the
// routes return, before anything reaches Convex.
import { describe, expect, it } from "vitest";

import {
  CLICKS_BODY_MAX_BYTES,
  parseClicksBody,
  parseClicksRequest,
} from "../shared/clicksRequest";
import { COUNTER_STEP_MAX, NAME_MAX } from "../shared/limits";

const bytes = (text: string) => new TextEncoder().encode(text);

/** A body as a Web stream, the way a Route Handler's `request.body` delivers it, in chunks of `size` bytes. */
function streamOf(data: Uint8Array, size = 64): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= data.byteLength) return controller.close();
      controller.enqueue(data.slice(offset, offset + size));
      offset += size;
    },
  });
}

const jsonRequest = (text: string, contentType = "application/json") => ({
  contentType,
  contentLength: String(bytes(text).byteLength),
  body: streamOf(bytes(text)),
});

describe("parseClicksRequest", () => {
  it("accepts a JSON body, with or without a UTF-8 charset", async () => {
    for (const contentType of [
      "application/json",
      "application/json; charset=utf-8",
      'Application/JSON;charset="UTF-8"',
    ]) {
      expect(await parseClicksRequest(jsonRequest('{"counterName":"home"}', contentType))).toEqual({
        ok: true,
        value: { counterName: "home" },
      });
    }
  });

  it.each([
    "text/plain",
    "text/plain;charset=UTF-8",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/json-patch+json",
    "application/jsonp",
    "application/json; charset=iso-8859-1",
    "",
    null,
    undefined,
  ])("refuses Content-Type %j with 415, whatever the body", async (contentType) => {
    expect(
      await parseClicksRequest({ ...jsonRequest('{"counterName":"home"}'), contentType }),
    ).toEqual({ ok: false, status: 415, error: "Content-Type must be application/json." });
  });

  const tooLarge = {
    ok: false,
    status: 413,
    error: `Request body must be at most ${CLICKS_BODY_MAX_BYTES} bytes.`,
  };

  it("refuses a declared length over the limit with 413 without reading the body", async () => {
    const untouched: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]() {
        throw new Error("the body was read");
      },
    };
    expect(
      await parseClicksRequest({
        contentType: "application/json",
        contentLength: String(60 * 1024 * 1024),
        body: untouched,
      }),
    ).toEqual(tooLarge);
  });

  it("stops reading an undeclared (chunked) body once it passes the limit: 413", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(bytes(" ".repeat(256)));
      },
    });
    expect(
      await parseClicksRequest({
        contentType: "application/json",
        contentLength: null,
        body: endless,
      }),
    ).toEqual(tooLarge);
    // The stream may pull ahead by its queue size, but never reads on to the end.
    expect(pulled).toBeLessThan(10);
  });

  it("accepts a body of exactly the limit", async () => {
    const text = `{"counterName":"home"}`.padEnd(CLICKS_BODY_MAX_BYTES, " ");
    expect(await parseClicksRequest(jsonRequest(text))).toMatchObject({ ok: true });
    expect(await parseClicksRequest(jsonRequest(text + " "))).toEqual(tooLarge);
  });

  it.each([
    ["an empty body", ""],
    ["malformed JSON", "{nope"],
    ["form data", "counterName=home"],
  ])("refuses %s with 400", async (_case, text) => {
    expect(await parseClicksRequest(jsonRequest(text))).toEqual({
      ok: false,
      status: 400,
      error: "Request body must be valid JSON.",
    });
  });

  it("refuses a body that is not UTF-8 with 400", async () => {
    const latin1 = new Uint8Array([...bytes('{"counterName":"caf'), 0xe9, ...bytes('"}')]);
    expect(
      await parseClicksRequest({
        contentType: "application/json",
        contentLength: String(latin1.byteLength),
        body: streamOf(latin1),
      }),
    ).toEqual({ ok: false, status: 400, error: "Request body must be valid JSON." });
  });

  it("refuses a missing body with 400", async () => {
    expect(
      await parseClicksRequest({
        contentType: "application/json",
        contentLength: null,
        body: null,
      }),
    ).toEqual({ ok: false, status: 400, error: "Request body must be valid JSON." });
  });

  it("refuses bad fields with 400 and parseClicksBody's message", async () => {
    expect(await parseClicksRequest(jsonRequest('{"counterName":"home","by":0}'))).toEqual({
      ok: false,
      status: 400,
      error: `by must be a whole number from 1 to ${COUNTER_STEP_MAX}.`,
    });
  });
});

describe("parseClicksBody", () => {
  it("accepts a counter name, with or without a step", () => {
    expect(parseClicksBody({ counterName: "home" })).toEqual({
      ok: true,
      value: { counterName: "home" },
    });
    expect(parseClicksBody({ counterName: "home", by: COUNTER_STEP_MAX })).toEqual({
      ok: true,
      value: { counterName: "home", by: COUNTER_STEP_MAX },
    });
    expect(parseClicksBody({ counterName: "n".repeat(NAME_MAX), by: 1 })).toMatchObject({
      ok: true,
    });
  });

  it.each([null, "counterName=home", 42, [{ counterName: "home" }], undefined])(
    "refuses a body that is not a JSON object: %j",
    (body) => {
      expect(parseClicksBody(body)).toEqual({
        ok: false,
        error: "Request body must be a JSON object.",
      });
    },
  );

  it("names unknown fields", () => {
    expect(parseClicksBody({ counterName: "home", step: 2 })).toEqual({
      ok: false,
      error: "Unknown field: step.",
    });
    expect(parseClicksBody({ counterName: "home", a: 1, b: 2 })).toEqual({
      ok: false,
      error: "Unknown field: a, b.",
    });
  });

  it.each([
    {},
    { counterName: "" },
    { counterName: "   " },
    { counterName: 7 },
    { counterName: null },
  ])("refuses a missing or blank counterName: %j", (body) => {
    expect(parseClicksBody(body)).toEqual({
      ok: false,
      error: "counterName must be a non-empty string.",
    });
  });

  it("refuses a counterName over the limit", () => {
    expect(parseClicksBody({ counterName: "n".repeat(NAME_MAX + 1) })).toEqual({
      ok: false,
      error: `counterName must be at most ${NAME_MAX} characters.`,
    });
  });

  it.each([0, -1, 1.5, COUNTER_STEP_MAX + 1, Number.NaN, Infinity, "2", null])(
    "refuses by = %j",
    (by) => {
      expect(parseClicksBody({ counterName: "home", by })).toEqual({
        ok: false,
        error: `by must be a whole number from 1 to ${COUNTER_STEP_MAX}.`,
      });
    },
  );
});
