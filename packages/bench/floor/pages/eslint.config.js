import { baseConfig } from "@repo/eslint-config/base";
import { nextConfig } from "@repo/eslint-config/next";
import { reactConfig } from "@repo/eslint-config/react";

export default [
  { ignores: [".next/**", ".next-*/**", "next-env.d.ts"] },
  ...baseConfig,
  ...reactConfig,
  ...nextConfig,
];
