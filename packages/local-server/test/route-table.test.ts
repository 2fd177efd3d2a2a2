// The route table: 404 for unknown paths, 405 with the methods to allow for a path known under others (when the
// table asks for it), and parameters that match exactly one segment however hostile the path.
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { HttpError } from "../src/http-error";
import type { Method, Route } from "../src/route-table";
import { RouteTable } from "../src/route-table";

const ROUTES: Route<string>[] = [
  { method: "GET", path: "/health", handler: "health" },
  { method: "POST", path: "/api/query", handler: "query" },
  { method: "POST", path: "/files/upload", handler: "upload" },
  { method: "GET", path: "/files/:id", handler: "file" },
  { method: "HEAD", path: "/files/:id", handler: "file-head" },
  { method: "DELETE", path: "/users/:id/sessions/:session", handler: "end-session" },
];

const notFound = (method: string, path: string) =>
  new HttpError(404, "NotFound", `No route ${method} ${path}.`);
const methodNotAllowed = (method: string, path: string, allow: readonly Method[]) =>
  new HttpError(405, "MethodNotAllowed", `${path} only accepts ${allow.join(", ")}.`, {
    allow: allow.join(", "),
  });

const with405 = new RouteTable(ROUTES, { notFound, methodNotAllowed });
const without405 = new RouteTable(ROUTES, { notFound });

function thrown(run: () => unknown): HttpError {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error("expected an HttpError");
}

describe("route table", () => {
  it("finds routes with their parameters, percent-decoded", () => {
    expect(with405.resolve("GET", "/health")).toEqual({ handler: "health", params: {} });
    expect(with405.resolve("GET", "/files/a%2Fb")).toEqual({
      handler: "file",
      params: { id: "a/b" },
    });
    expect(with405.resolve("DELETE", "/users/u1/sessions/s1")).toEqual({
      handler: "end-session",
      params: { id: "u1", session: "s1" },
    });
  });

  it("answers 404 for a path no route knows", () => {
    for (const path of ["/nope", "/files", "/files/", "/files/a/b", "/health/x", "/", "//health"]) {
      const error = thrown(() => with405.resolve("GET", path));
      expect(error.status, path).toBe(404);
      expect(error.message).toBe(`No route GET ${path}.`);
    }
  });

  it("answers 405 with Allow for a path known under other methods", () => {
    const error = thrown(() => with405.resolve("GET", "/api/query"));
    expect(error.status).toBe(405);
    expect(error.headers).toEqual({ allow: "POST" });
    expect(thrown(() => with405.resolve("DELETE", "/files/x")).headers).toEqual({
      allow: "GET, HEAD",
    });
  });

  it("gives a literal route precedence over another method's parameter", () => {
    // GET /files/upload is the upload route asked with the wrong method, not a file named "upload".
    const error = thrown(() => with405.resolve("GET", "/files/upload"));
    expect(error.status).toBe(405);
    expect(error.headers).toEqual({ allow: "POST" });
    expect(with405.resolve("POST", "/files/upload").handler).toBe("upload");
  });

  it("answers 404 instead of 405 when the table has no methodNotAllowed", () => {
    expect(thrown(() => without405.resolve("GET", "/api/query")).status).toBe(404);
    expect(without405.resolve("GET", "/files/upload")).toEqual({
      handler: "file",
      params: { id: "upload" },
    });
  });

  it("matches nothing for methods it has no route for and for broken percent-encoding", () => {
    expect(with405.match("PUT", "/health")).toBeNull();
    expect(with405.match("__proto__", "/health")).toBeNull();
    expect(with405.match("GET", "/files/%E0%A4%A")).toBeNull();
    expect(thrown(() => with405.resolve("GET", "/files/%zz")).status).toBe(404);
  });

  it("is exact about slashes unless told otherwise", () => {
    expect(with405.match("GET", "/health/")).toBeNull();
    expect(with405.match("GET", "//health")).toBeNull();
    const lenient = new RouteTable(ROUTES, {
      notFound,
      ignoreTrailingSlash: true,
      ignoreDuplicateSlashes: true,
    });
    expect(lenient.match("GET", "/health/")?.handler).toBe("health");
    expect(lenient.match("GET", "//health")?.handler).toBe("health");
    expect(lenient.match("GET", "/files//x")?.params).toEqual({ id: "x" });
  });

  it("refuses a second route for the same method and pattern", () => {
    const health: Route<string> = { method: "GET", path: "/health", handler: "health" };
    expect(() => new RouteTable([health, { ...health, handler: "again" }], { notFound })).toThrow();
  });

  it("takes a route added later in one line", () => {
    const table = new RouteTable<string>([], { notFound }).add(
      "POST",
      "/api/deploy2/start_push",
      "push",
    );
    expect(table.resolve("POST", "/api/deploy2/start_push").handler).toBe("push");
  });
});

describe("route table, random paths (property)", () => {
  const segment = fc.oneof(
    fc.constantFrom("files", "upload", "health", "users", "sessions", "api", "query", "", ".."),
    fc.string({ maxLength: 12 }).map(encodeURIComponent),
    fc.string({ unit: fc.constantFrom(..."%/?#:;.*aZ09é"), maxLength: 8 }),
  );
  const path = fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join("/")}`);
  const method = fc.constantFrom<string>(
    "GET",
    "HEAD",
    "POST",
    "PUT",
    "PATCH",
    "DELETE",
    "OPTIONS",
  );

  it("answers a route, a 404 or a 405 for any path, and a parameter never holds a raw slash", () => {
    fc.assert(
      fc.property(method, path, (verb, target) => {
        let result: ReturnType<typeof with405.resolve> | HttpError;
        try {
          result = with405.resolve(verb, target);
        } catch (error) {
          expect(error).toBeInstanceOf(HttpError);
          result = error as HttpError;
        }
        if (result instanceof HttpError) {
          expect([404, 405]).toContain(result.status);
          if (result.status === 405) {
            const allow = (result.headers.allow ?? "").split(", ");
            expect(allow).not.toContain(verb);
            expect(allow.length).toBeGreaterThan(0);
          }
          return;
        }
        const raw = target.split("?")[0]?.split("#")[0] ?? "";
        // As many segments as the route's pattern: each parameter took exactly one, none empty.
        const route = ROUTES.find((r) => r.handler === result.handler);
        expect(route?.method).toBe(verb);
        expect(raw.split("/").length).toBe(route?.path.split("/").length);
        for (const value of Object.values(result.params)) expect(value).not.toBe("");
      }),
      { numRuns: 2000 },
    );
  });
});
