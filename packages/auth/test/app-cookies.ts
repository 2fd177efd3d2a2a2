// The browser's side of an app's middleware in tests, and what Convex makes of a token it hands out: requests through the real middleware with the cookies a
// browser keeps (set, replaced, and deleted by max-age 0).
import { api } from "@repo/convex/api";
import { ConvexHttpClient } from "convex/browser";
import type { NextFetchEvent, NextMiddleware } from "next/server";
import { NextRequest } from "next/server";

export class AppCookies {
  readonly jar = new Map<string, string>();

  constructor(
    private readonly middleware: () => NextMiddleware,
    private readonly app: string,
  ) {}

  async call(path: string, init: { method?: string } = {}): Promise<Response> {
    const response = await this.send(path, init);
    this.take(response);
    return response;
  }

  /** Sends with the current cookies without storing the answer's: a request still in flight. */
  async send(path: string, init: { method?: string } = {}): Promise<Response> {
    const cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
    const headers: Record<string, string> = cookie === "" ? {} : { cookie };
    const response = await this.middleware()(
      new NextRequest(new URL(path, this.app), { headers, ...init }),
      {} as NextFetchEvent,
    );
    if (!(response instanceof Response)) throw new Error(`no response for ${path}`);
    return response;
  }

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const value = pair.slice(eq + 1);
      if (value === "" || /max-age=0/i.test(line)) this.jar.delete(pair.slice(0, eq));
      else this.jar.set(pair.slice(0, eq), value);
    }
  }
}

/** Stores the signed-in user in Convex with `token` and reads back their name: Convex accepted the token as them. */
export async function convexUserName(
  convexUrl: string,
  token: string,
): Promise<string | undefined> {
  const client = new ConvexHttpClient(convexUrl);
  client.setAuth(token);
  await client.mutation(api.users.store, {});
  return (await client.query(api.users.me, {}))?.name;
}
