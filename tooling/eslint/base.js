// Shared flat config: type-aware TypeScript rules for every package in the workspace.
import js from "@eslint/js";
import turbo from "eslint-plugin-turbo";
import tseslint from "typescript-eslint";

/** Env is read through one validated module per app/package (`env.ts`), never ad hoc. */
export const restrictEnvAccess = tseslint.config({
  files: ["**/*.{js,ts,tsx}"],
  ignores: ["**/env.ts", "**/*.config.*", "**/scripts/**", "**/bin/**", "**/*.test.*"],
  rules: {
    "no-restricted-properties": [
      "error",
      {
        object: "process",
        property: "env",
        message: "Read env through this package's validated env.ts module instead.",
      },
    ],
  },
});

export const baseConfig = tseslint.config(
  {
    ignores: [
      "**/.next/**",
      "**/.next-*/**",
      "**/dist/**",
      "**/_generated/**",
      "**/.cache/**",
      "**/coverage/**",
    ],
  },
  {
    files: ["**/*.{js,mjs,ts,tsx}"],
    plugins: { turbo },
    extends: [
      js.configs.recommended,
      ...tseslint.configs.recommendedTypeChecked,
      ...tseslint.configs.stylisticTypeChecked,
    ],
    languageOptions: {
      parserOptions: { projectService: true },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "turbo/no-undeclared-env-vars": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "separate-type-imports" },
      ],
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-unnecessary-condition": "error",
    },
  },
  {
    files: ["**/*.{js,mjs}"],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
