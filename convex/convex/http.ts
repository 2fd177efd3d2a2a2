import { httpRouter } from "convex/server";
import { ConvexError } from "convex/values";

import { api } from "./_generated/api";
import { httpAction } from "./_generated/server";
import { clerkUsersWebhook } from "./clerkWebhook";

const http = httpRouter();

/** `GET /counter?name=clicks` → `{"name":"clicks","value":3}`: a counter over a plain HTTP action. */
http.route({
  path: "/counter",
  method: "GET",
  handler: httpAction(async (ctx, request) => {
    const name = new URL(request.url).searchParams.get("name");
    if (name === null) {
      return Response.json({ error: "Pass ?name=<counter name>." }, { status: 400 });
    }
    try {
      const value = await ctx.runQuery(api.counter.get, { counterName: name });
      return Response.json({ name, value });
    } catch (error) {
      if (error instanceof ConvexError) {
        return Response.json({ error: String(error.data) }, { status: 400 });
      }
      throw error;
    }
  }),
});

/** Clerk's user webhooks (Svix-signed): keep the `users` rows in step with Clerk (clerkWebhook.ts). */
http.route({ path: "/clerk-users-webhook", method: "POST", handler: clerkUsersWebhook });

export default http;
