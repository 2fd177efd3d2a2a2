import reactPlugin from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export const reactConfig = tseslint.config({
  files: ["**/*.{ts,tsx}"],
  plugins: { react: reactPlugin, "react-hooks": reactHooks },
  settings: { react: { version: "detect" } },
  rules: {
    ...reactPlugin.configs.flat.recommended?.rules,
    ...reactPlugin.configs.flat["jsx-runtime"]?.rules,
    ...reactHooks.configs.recommended.rules,
  },
});
