// Hosted, self-hosted or offline? Decided from env alone, so app code is identical in every mode.
import type { AuthProviderName } from "@repo/auth/env";
import { AuthProviderError, HOSTED_AUTH_VARS, parseAuthProvider } from "@repo/auth/env";

/**
 * - hosted: Convex's cloud (NEXT_PUBLIC_CONVEX_URL) and the auth provider's keys;
 * - self-hosted: the open-source Convex backend, reached by the CLI with CONVEX_SELF_HOSTED_URL and
 *   CONVEX_SELF_HOSTED_ADMIN_KEY (the names Convex's self-hosting guide uses), and the auth provider's keys;
 * - offline: none of these: the local servers stand in for all of it.
 */
export type Mode = "hosted" | "self-hosted" | "offline";

type Env = Record<string, string | undefined>;

export class ModeError extends Error {}

/** The pair that points the `convex` CLI at a self-hosted deployment (Convex's own names). */
export const SELF_HOSTED_VARS = ["CONVEX_SELF_HOSTED_URL", "CONVEX_SELF_HOSTED_ADMIN_KEY"] as const;

function provider(env: Env): AuthProviderName {
  try {
    return parseAuthProvider(env.AUTH_PROVIDER);
  } catch (error) {
    if (error instanceof AuthProviderError) throw new ModeError(error.message);
    throw error;
  }
}

/** The variables hosted mode needs for the provider AUTH_PROVIDER names (Clerk by default). */
export function hostedVars(env: Env): readonly string[] {
  return ["NEXT_PUBLIC_CONVEX_URL", ...HOSTED_AUTH_VARS[provider(env)]];
}

const isSetIn = (env: Env) => (name: string) => (env[name] ?? "").trim() !== "";

/**
 * Self-hosted Convex when both of CONVEX_SELF_HOSTED_URL and CONVEX_SELF_HOSTED_ADMIN_KEY are set; NEXT_PUBLIC_CONVEX_URL
 * may then be left out (with-backends asks the deployment for its URLs). The auth provider is the hosted one: a
 * deployment somewhere else cannot fetch the signing keys of an auth server on this machine.
 */
function checkSelfHosted(env: Env): void {
  const isSet = isSetIn(env);
  const missingPair = SELF_HOSTED_VARS.filter((name) => !isSet(name));
  if (missingPair.length > 0) {
    throw new ModeError(
      `Self-hosted Convex needs both ${SELF_HOSTED_VARS.join(" and ")}; missing: ${missingPair.join(", ")}.\n` +
        "`docker compose exec backend ./generate_admin_key.sh` prints the admin key (README: Self-hosting).",
    );
  }
  if (isSet("CONVEX_DEPLOYMENT")) {
    throw new ModeError(
      "Both CONVEX_DEPLOYMENT (a Convex cloud deployment) and CONVEX_SELF_HOSTED_URL are set, and the convex CLI " +
        "refuses that pair: unset the one you do not mean (often CONVEX_DEPLOYMENT in convex/.env.local).",
    );
  }
  const authVars = HOSTED_AUTH_VARS[provider(env)];
  const missingAuth = authVars.filter((name) => !isSet(name));
  if (missingAuth.length > 0) {
    throw new ModeError(
      `Self-hosted Convex needs the auth provider's keys too (${authVars.join(", ")}); missing: ` +
        `${missingAuth.join(", ")}.\nThe deployment verifies your users' tokens with the provider's issuer, so ` +
        "the local auth server cannot stand in for it; set the keys, or unset the self-hosted pair to run offline.",
    );
  }
}

/**
 * Offline when none of the hosted variables is set, hosted when all are, self-hosted when the self-hosted pair is.
 * A half-configured env is an error: hosted Convex cannot verify tokens from the local auth server, and the local
 * Convex backend would silently shadow a deployment the developer meant to use.
 */
export function chooseMode(env: Env): Mode {
  const isSet = isSetIn(env);
  if (SELF_HOSTED_VARS.some(isSet)) {
    checkSelfHosted(env);
    return "self-hosted";
  }
  const needed = hostedVars(env);
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
