// One table per server: method + path pattern -> handler, matched by find-my-way. Patterns are literal segments and
// `:name` parameters; a parameter matches exactly one non-empty segment (its value percent-decoded), so
// `/v1/users/:id` never matches `/v1/users/a/b`, while `/v1/users/a%2Fb` gives id "a/b". A path that is not valid
// percent-encoding matches nothing. Adding a route is one line: `{ method: "POST", path: "/api/new_thing", handler }`.
import FindMyWay from "find-my-way";

export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

export type Params = Readonly<Record<string, string>>;

export interface Route<H> {
  method: Method;
  path: string;
  handler: H;
}

export interface RouteTableOptions {
  /** The error for a path no route knows (the server's own 404 envelope). */
  notFound: (method: string, path: string) => Error;
  /**
   * The error for a path known under other methods only, given those methods (for the `Allow` header).
   * Without it such a request is a 404 too: Clerk answers so, and clerk-local keeps Clerk's answer.
   */
  methodNotAllowed?: (method: string, path: string, allow: readonly Method[]) => Error;
  /** Match `/a/` as `/a` (default false: the path must be exact). */
  ignoreTrailingSlash?: boolean;
  /** Match `/a//b` as `/a/b` (default false). */
  ignoreDuplicateSlashes?: boolean;
}

export interface Match<H> {
  handler: H;
  params: Params;
}

/**
 * Longer than any segment that fits in a request line Node accepts (16 KiB of headers), so a parameter matches
 * any one segment and an over-long id reaches its handler (which answers for it) rather than failing to route.
 */
const MAX_PARAM_LENGTH = 16 * 1024;

const noop = () => undefined;

export class RouteTable<H> {
  private readonly router: FindMyWay.Instance<FindMyWay.HTTPVersion.V1>;
  private readonly methods = new Set<Method>();

  constructor(
    routes: readonly Route<H>[],
    private readonly options: RouteTableOptions,
  ) {
    this.router = FindMyWay({
      ignoreTrailingSlash: options.ignoreTrailingSlash ?? false,
      ignoreDuplicateSlashes: options.ignoreDuplicateSlashes ?? false,
      maxParamLength: MAX_PARAM_LENGTH,
    });
    for (const route of routes) this.add(route.method, route.path, route.handler);
  }

  /** Adds a route; a second route for the same method and pattern is a programming error and throws. */
  add(method: Method, path: string, handler: H): this {
    this.router.on(method, path, noop, { handler });
    this.methods.add(method);
    return this;
  }

  /** The route for this method and path, or null when there is none (whatever other methods have). */
  match(method: string, path: string): Match<H> | null {
    return this.isMethod(method) ? this.find(method, path) : null;
  }

  /**
   * The route for this method and path, or the table's 404 or 405 error, thrown. The path belongs to the route
   * that matches it most literally (fewest parameters) under any method: with `/upload` under POST and `/:id`
   * under GET, `GET /upload` is the upload route under the wrong method (405), not a file named "upload".
   */
  resolve(method: string, path: string): Match<H> {
    const own = this.match(method, path);
    const methodNotAllowed = this.options.methodNotAllowed;
    if (methodNotAllowed === undefined || (own !== null && Object.keys(own.params).length === 0)) {
      if (own !== null) return own;
      throw this.options.notFound(method, path);
    }
    const allow = this.allowed(path);
    if (own !== null && allow.includes(method as Method)) return own;
    if (allow.length === 0) throw this.options.notFound(method, path);
    throw methodNotAllowed(method, path, allow);
  }

  /** The methods of the most literal routes matching `path` (see resolve), in registration order. */
  allowed(path: string): Method[] {
    let fewest = Number.POSITIVE_INFINITY;
    let allow: Method[] = [];
    for (const method of this.methods) {
      const found = this.find(method, path);
      if (found === null) continue;
      const count = Object.keys(found.params).length;
      if (count < fewest) {
        fewest = count;
        allow = [method];
      } else if (count === fewest) allow.push(method);
    }
    return allow;
  }

  private isMethod(method: string): method is Method {
    return this.methods.has(method as Method);
  }

  private find(method: Method, path: string): Match<H> | null {
    const found = this.router.find(method, path);
    if (found === null) return null;
    const store = found.store as { handler: H };
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(found.params)) {
      // find-my-way lets a parameter match an empty segment (`/files/` for `/files/:id`); a segment is not empty.
      if (value === undefined || value === "") return null;
      params[name] = value;
    }
    return { handler: store.handler, params };
  }
}
