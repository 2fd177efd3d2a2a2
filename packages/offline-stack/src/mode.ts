// Hosted or offline? Decided from env alone, so app code is identical in both modes.

export type Mode = "hosted" | "offline";

type Env = Record<string, string | undefined>;

const HOSTED_VARS = [
  "NEXT_PUBLIC_CONVEX_URL",
  "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY",
  "CLERK_SECRET_KEY",
] as const;

export class ModeError extends Error {}

/**
 * Offline when none of the hosted variables is set, hosted when all are. A half-configured env is an
 * error: hosted Convex cannot verify tokens from the local Clerk server, and the local Convex backend
 * would silently shadow a deployment the developer meant to use.
 */
export function chooseMode(env: Env): Mode {
  const isSet = (name: string) => (env[name] ?? "").trim() !== "";
  const set = HOSTED_VARS.filter(isSet);
  if (set.length === 0 && !isSet("CONVEX_DEPLOYMENT")) return "offline";
  if (set.length === HOSTED_VARS.length) return "hosted";
  const missing = HOSTED_VARS.filter((name) => !isSet(name));
  throw new ModeError(
    `Hosted mode needs all of ${HOSTED_VARS.join(", ")}; missing: ${missing.join(", ")}.\n` +
      "Set them (e.g. in this app's .env.local; `npx convex dev` in convex/ prints the Convex URL, " +
      "the Clerk dashboard shows the keys), or unset every one of them to run on the offline stack.",
  );
}
