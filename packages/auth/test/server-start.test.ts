// exitOnInvalidEnv: what the apps' instrumentation.ts runs at server start. A valid env passes; an invalid one ends
// the process with the validation message (Next would only log it and serve on).
import { afterEach, expect, it, vi } from "vitest";

import { exitOnInvalidEnv } from "../src/server-start";

afterEach(() => {
  vi.restoreAllMocks();
});

it("returns when the env module loads", async () => {
  const exit = vi.spyOn(process, "exit").mockImplementation(() => undefined as never);
  await exitOnInvalidEnv(() => Promise.resolve({}));
  expect(exit).not.toHaveBeenCalled();
});

it("prints the validation error and exits 1 when it throws", async () => {
  const exit = vi.spyOn(process, "exit").mockImplementation(() => undefined as never);
  const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
  await exitOnInvalidEnv(() =>
    Promise.reject(new Error("Missing or invalid environment variables (AUTH_PROVIDER=clerk)")),
  );
  expect(error).toHaveBeenCalledWith(
    "Missing or invalid environment variables (AUTH_PROVIDER=clerk)",
  );
  expect(exit).toHaveBeenCalledWith(1);
});
