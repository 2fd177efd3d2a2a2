// The curl command the /route-handler page shows works: run as curl would send it (a `-d` without a Content-Type is
// a form), it gets through the Route Handler's JSON-only check and increments the counter on a real local backend.
import type { TestBackend } from "@repo/convex-local/testing";
import { startBackend } from "@repo/convex-local/testing";
import { api } from "@repo/convex/api";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const backend = vi.hoisted(() => ({ url: "" }));
vi.mock("../env", () => ({
  env: {
    get convexUrl() {
      return backend.url;
    },
  },
}));
// The live counter and task list need a ConvexProvider; this test is about the text around them.
vi.mock("../app/route-handler/clicks-demo", () => ({ ClicksDemo: () => null }));
vi.mock("@repo/ui/task-list", () => ({ TaskList: () => null }));

const { default: RouteHandlerPage } = await import("../app/route-handler/page");
const { POST } = await import("../app/api/clicks/route");

let local: TestBackend;
beforeAll(async () => {
  local = await startBackend();
  backend.url = local.url;
});
afterAll(() => local.stop());

/** The page's `curl …` command, as the visitor reads it. */
function shownCommand(): string {
  const html = renderToStaticMarkup(createElement(RouteHandlerPage));
  const code = /<code>(curl [^<]*)<\/code>/.exec(html)?.[1];
  if (code === undefined) throw new Error(`no curl command on the page:\n${html}`);
  const entities: Record<string, string> = { "&quot;": '"', "&#x27;": "'", "&amp;": "&" };
  return code.replace(/&quot;|&#x27;|&amp;/g, (entity) => entities[entity] ?? entity);
}

/** Shell words: whitespace-separated, single-quoted runs kept whole (all the command uses). */
function shellWords(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? "");
}

/** The request curl sends for `words`: -X, -H and -d, and curl's form Content-Type when -d has none. */
function curlRequest(words: string[]): Request {
  const [program, ...args] = words;
  expect(program).toBe("curl");
  const headers = new Headers();
  let method = "GET";
  let body: string | undefined;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "-X") method = args[++i] ?? "";
    else if (arg === "-H") {
      const [name = "", ...value] = (args[++i] ?? "").split(":");
      headers.set(name.trim(), value.join(":").trim());
    } else if (arg === "-d") {
      body = args[++i];
      if (method === "GET") method = "POST";
    } else url = arg;
  }
  if (body !== undefined && !headers.has("content-type")) {
    headers.set("content-type", "application/x-www-form-urlencoded");
  }
  if (url === undefined) throw new Error(`no URL in ${words.join(" ")}`);
  return new Request(url, { method, headers, body });
}

describe("/route-handler page", () => {
  it("shows a curl command with the JSON Content-Type the route requires", () => {
    const request = curlRequest(shellWords(shownCommand()));
    expect(request.headers.get("content-type")).toBe("application/json");
  });

  it("shows a command that the route accepts and that increments the counter", async () => {
    const request = curlRequest(shellWords(shownCommand()));
    const before = await local.http().query(api.counter.get, { counterName: "clicks" });
    const response = await POST(request);
    expect(response.status).toBe(200);
    expect(await local.http().query(api.counter.get, { counterName: "clicks" })).toBe(before + 1);
  });
});
