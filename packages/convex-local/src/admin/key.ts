// GET /api/check_admin_key: whether the caller holds the admin key (the dashboard's login check); 401 otherwise.
import { requireAdmin } from "../admin-key";
import type { Route } from "../http";
import { send } from "../http";

export const KEY_ROUTES: readonly Route[] = [
  {
    method: "GET",
    path: "/api/check_admin_key",
    handler: (context, request, response) => {
      requireAdmin(request.headers.authorization, context.adminKey);
      send(request, response, 200, { ok: true });
    },
  },
];
