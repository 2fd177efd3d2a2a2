// One route table for the whole server: method + path pattern -> handler. Patterns are literal segments and `:name`
// parameters that match exactly one segment, so `/v1/client/sign_ins/:id` never matches `/v1/client/sign_ins/a/b`.
import type { ServerContext } from "./context";
import type { ParsedRequest } from "./http";

export type RouteResult =
  | { kind: "json"; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: "redirect"; location: string };

export const json = (body: unknown, status = 200): RouteResult => ({ kind: "json", status, body });

export type Params = Readonly<Record<string, string>>;

export type Handler = (
  context: ServerContext,
  request: ParsedRequest,
  params: Params,
) => RouteResult | Promise<RouteResult>;

export interface Route {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  handler: Handler;
}

const segments = (path: string) => path.split("/").filter(Boolean);

function matchPath(pattern: string[], path: string[]): Params | null {
  if (pattern.length !== path.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const actual = path[index] ?? "";
    if (part.startsWith(":")) params[part.slice(1)] = actual;
    else if (part !== actual) return null;
  }
  return params;
}

export interface Router {
  /** The route for this method + path, or null. (A path known under another method is still null: 404, as Clerk.) */
  match(method: string, path: string): { handler: Handler; params: Params } | null;
}

export function createRouter(routes: readonly Route[]): Router {
  const compiled = routes.map((route) => ({ ...route, pattern: segments(route.path) }));
  return {
    match(method, path) {
      const actual = segments(path);
      for (const route of compiled) {
        if (route.method !== method) continue;
        const params = matchPath(route.pattern, actual);
        if (params !== null) return { handler: route.handler, params };
      }
      return null;
    },
  };
}
