// Which requests proxy.ts's middleware sees, from its literal `config` (as Next reads it at build time): pages and
// every API route, the Clerk proxy's bundles, but not Next's static files.
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it, vi } from "vitest";

// Only the config is under test: no env, no auth SDK.
vi.mock("../env", () => ({ env: {} }));
vi.mock("@repo/auth/middleware", () => ({ authMiddleware: () => () => undefined }));

const { config } = await import("../proxy");
const matches = (path: string) =>
  unstable_doesMiddlewareMatch({ config, url: `http://localhost${path}` });

describe("proxy.ts matcher", () => {
  it.each(["/", "/private", "/api/clicks", "/api/clicks?counterName=a", "/api/report.csv"])(
    "runs for %s",
    (path) => {
      expect(matches(path)).toBe(true);
    },
  );

  it("runs for the Clerk proxy, its .js bundles included", () => {
    expect(matches("/__clerk/npm/@clerk/clerk-js@6/dist/clerk.browser.js")).toBe(true);
  });

  it.each(["/_next/static/chunks/main.js", "/favicon.ico", "/styles.css"])("skips %s", (path) => {
    expect(matches(path)).toBe(false);
  });
});
