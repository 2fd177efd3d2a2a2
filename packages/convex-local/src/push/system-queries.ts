// The system query `npx convex function-spec` makes for the serving code's functions (its other one, the cloud
// URL, is ../admin/canonical-urls.ts's).
import type { SystemQuery } from "../admin/system-functions";
import { functionSpec } from "./function-spec";

export const PUSH_SYSTEM_QUERIES: Readonly<Record<string, SystemQuery>> = {
  "_system/cli/modules:apiSpec": (context) => functionSpec(context.engine),
};
