// Client configuration is checked at start, before a port is opened: offline, every callback and logout URL must
// be an http(s) URL on this machine, and client ids are plain.
import { rmSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { startAuth0Local } from "../src/index";
import { makeDataDir, WEB } from "./support";

describe("configuration", () => {
  it.each([
    [
      "a callback URL off this machine",
      { callbackUrls: ["https://app.example.com/auth/callback"] },
    ],
    ["a logout URL off this machine", { logoutUrls: ["https://app.example.com/"] }],
    ["a non-http callback URL", { callbackUrls: ["javascript://localhost/%0aalert(1)"] }],
    ["an invalid client id", { clientId: "bad id" }],
  ])("refuses %s at start", async (_label, change) => {
    const dataDir = makeDataDir();
    const client = { ...WEB, ...change };
    await expect(startAuth0Local({ port: 0, dataDir, clients: [client] })).rejects.toThrow(
      /auth0-local client/,
    );
    rmSync(dataDir, { recursive: true, force: true });
  });
});
