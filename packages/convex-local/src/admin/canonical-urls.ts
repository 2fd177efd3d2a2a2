// GET /api/v1/get_canonical_urls: the URLs clients should use (`npx convex dev` writes them to .env.local,
// `deploy --cmd` hands them to the build): this backend's own, the same CONVEX_CLOUD_URL / CONVEX_SITE_URL that
// functions see.
import { requireAdmin } from "../admin-key";
import type { Route } from "../http";
import { send } from "../http";
import type { SystemQuery } from "./system-functions";

export const CANONICAL_URL_ROUTES: readonly Route[] = [
  {
    method: "GET",
    path: "/api/v1/get_canonical_urls",
    handler: (context, request, response) => {
      requireAdmin(request.headers.authorization, context.adminKey);
      const { deploymentEnv } = context;
      send(request, response, 200, {
        convexCloudUrl: deploymentEnv.get("CONVEX_CLOUD_URL"),
        convexSiteUrl: deploymentEnv.get("CONVEX_SITE_URL"),
      });
    },
  },
];

/** `npx convex function-spec` reads the cloud URL through this system query. */
export const URL_SYSTEM_QUERIES: Readonly<Record<string, SystemQuery>> = {
  "_system/cli/convexUrl:cloudUrl": ({ deploymentEnv }) => deploymentEnv.get("CONVEX_CLOUD_URL"),
  // `run --component` looks components up here (by path; the id is what it passes back, here the path too).
  "_system/frontend/components:list": ({ engine }) =>
    ["", ...engine.componentPaths()].map((path) => ({
      id: path,
      name: path === "" ? null : (path.split("/").at(-1) ?? path),
      path,
      state: "active",
    })),
};
