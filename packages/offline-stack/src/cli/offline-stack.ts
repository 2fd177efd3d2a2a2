// offline-stack: runs the local Convex backend and local Clerk server until Ctrl-C, for apps to reuse.
import { readSettings } from "../env";
import { ensureStack } from "../stack";

const stack = await ensureStack(readSettings(), { convexDev: true });
if (!stack.owned) {
  console.log(
    "offline-stack: the local servers are already running (started elsewhere); nothing to do.",
  );
  process.exit(0);
}
console.log(
  "offline-stack: ready. Apps started with `pnpm dev` will reuse these servers. Ctrl-C stops them.",
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void stack.stop().finally(() => process.exit(0));
  });
}
