import convexPlugin from "@convex-dev/eslint-plugin";
import tseslint from "typescript-eslint";

// Convex's own rules (no .filter() on queries, validators on every public function, ...).
export const convexConfig = tseslint.config(...convexPlugin.configs.recommended);
