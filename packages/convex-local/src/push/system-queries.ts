// The system queries `npx convex function-spec` makes: the serving code's functions and the deployment's URL.
import type { SystemQuery } from "../admin/system-functions";
import { functionSpec } from "./function-spec";

export const PUSH_SYSTEM_QUERIES: Readonly<Record<string, SystemQuery>> = {
  "_system/cli/modules:apiSpec": (context) => functionSpec(context.engine),
  "_system/cli/convexUrl:cloudUrl": (context) => context.deploymentEnv.get("CONVEX_CLOUD_URL"),
};
