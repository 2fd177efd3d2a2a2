// offline-stack: runs the local Convex backend and local Clerk server until Ctrl-C, for apps to reuse.
import { readSettings } from "../env";
import { ensureStack } from "../stack";

const stack = await ensureStack(readSettings());
if (!stack.owned) {
  console.log(
    "offline-stack: the local servers are already running (started elsewhere); nothing to do.",
  );
  process.exit(0);
}
console.log(
  [
    "offline-stack: ready. Apps started with `pnpm dev` will reuse these servers. Ctrl-C stops them.",
    "  The convex CLI (npx convex run/env/data/…) reaches the local backend with:",
    `    CONVEX_SELF_HOSTED_URL=${stack.env.CONVEX_SELF_HOSTED_URL ?? ""}`,
    `    CONVEX_SELF_HOSTED_ADMIN_KEY=${stack.env.CONVEX_SELF_HOSTED_ADMIN_KEY ?? ""}`,
  ].join("\n"),
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void stack.stop().finally(() => process.exit(0));
  });
}
