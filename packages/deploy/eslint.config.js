import { baseConfig, restrictEnvAccess } from "@repo/eslint-config/base";

export default [...baseConfig, ...restrictEnvAccess];
