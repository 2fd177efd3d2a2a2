import nextPlugin from "@next/eslint-plugin-next";
import tseslint from "typescript-eslint";

export const nextConfig = tseslint.config({
  files: ["**/*.{ts,tsx}"],
  plugins: { "@next/next": nextPlugin },
  rules: {
    ...nextPlugin.configs.recommended.rules,
    ...nextPlugin.configs["core-web-vitals"].rules,
  },
});
