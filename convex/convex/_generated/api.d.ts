/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type * as clerkUsers from "../clerkUsers.js";
import type * as clerkWebhook from "../clerkWebhook.js";
import type * as counter from "../counter.js";
import type * as env from "../env.js";
import type * as http from "../http.js";
import type * as identity from "../identity.js";
import type * as revalidation from "../revalidation.js";
import type * as summaries from "../summaries.js";
import type * as tasks from "../tasks.js";
import type * as users from "../users.js";

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";

declare const fullApi: ApiFromModules<{
  clerkUsers: typeof clerkUsers;
  clerkWebhook: typeof clerkWebhook;
  counter: typeof counter;
  env: typeof env;
  http: typeof http;
  identity: typeof identity;
  revalidation: typeof revalidation;
  summaries: typeof summaries;
  tasks: typeof tasks;
  users: typeof users;
}>;

/**
 * A utility for referencing Convex functions in your app's public API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;

/**
 * A utility for referencing Convex functions in your app's internal API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = internal.myModule.myFunction;
 * ```
 */
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;

export declare const components: {
  rateLimiter: import("@convex-dev/rate-limiter/_generated/component.js").ComponentApi<"rateLimiter">;
};
