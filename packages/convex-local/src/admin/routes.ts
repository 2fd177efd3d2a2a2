// The admin API's routes (what the `convex` CLI and dashboard call with `Authorization: Convex <admin key>`). Each
// concern lists its routes in its own file under src/admin/; this table joins them for ../routes.ts.
import type { Route } from "../http";
import { CANONICAL_URL_ROUTES } from "./canonical-urls";
import { ENV_ROUTES } from "./env";
import { FUNCTION_LOG_ROUTES } from "./function-logs-http";
import { KEY_ROUTES } from "./key";
import { SNAPSHOT_ROUTES } from "./snapshot-http";

export const ADMIN_ROUTES: readonly Route[] = [
  ...KEY_ROUTES,
  ...ENV_ROUTES,
  ...CANONICAL_URL_ROUTES,
  ...FUNCTION_LOG_ROUTES,
  ...SNAPSHOT_ROUTES,
];
