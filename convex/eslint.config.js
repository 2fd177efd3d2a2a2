import { baseConfig, restrictEnvAccess } from "@repo/eslint-config/base";
import { convexConfig } from "@repo/eslint-config/convex";

export default [...baseConfig, ...convexConfig, ...restrictEnvAccess];
