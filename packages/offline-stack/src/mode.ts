// Hosted or offline? Decided from env alone, so app code is identical in both modes.
import { AuthProviderError, HOSTED_AUTH_VARS, parseAuthProvider } from "@repo/auth/env";

export type Mode = "hosted" | "offline";

type Env = Record<string, string | undefined>;

export class ModeError extends Error {}

/** The variables hosted mode needs for the provider AUTH_PROVIDER names (Clerk by default). */
export function hostedVars(env: Env): readonly string[] {
  let provider;
  try {
    provider = parseAuthProvider(env.AUTH_PROVIDER);
  } catch (error) {
    if (error instanceof AuthProviderError) throw new ModeError(error.message);
    throw error;
  }
  return ["NEXT_PUBLIC_CONVEX_URL", ...HOSTED_AUTH_VARS[provider]];
}

/**
 * Offline when none of the hosted variables is set, hosted when all are. A half-configured env is an
 * error: hosted Convex cannot verify tokens from the local auth server, and the local Convex backend
 * would silently shadow a deployment the developer meant to use.
 */
export function chooseMode(env: Env): Mode {
  const needed = hostedVars(env);
  const isSet = (name: string) => (env[name] ?? "").trim() !== "";
  const set = needed.filter(isSet);
  if (set.length === 0 && !isSet("CONVEX_DEPLOYMENT")) return "offline";
  if (set.length === needed.length) return "hosted";
  const missing = needed.filter((name) => !isSet(name));
  throw new ModeError(
    `Hosted mode needs all of ${needed.join(", ")}; missing: ${missing.join(", ")}.\n` +
      "Set them (e.g. in this app's .env.local; `npx convex dev` in convex/ prints the Convex URL, " +
      "your auth provider's dashboard shows its keys), or unset every one of them to run on the offline stack.",
  );
}
