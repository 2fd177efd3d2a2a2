// What the server reads from env. The CLI: CLERK_LOCAL_PORT, CLERK_LOCAL_HTTPS_PORT, OFFLINE_DATA_DIR,
// CLERK_LOCAL_LOCKOUT_ATTEMPTS, CLERK_LOCAL_LOCKOUT_SECONDS, CLERK_LOCAL_MAX_USERS; any start: CLERK_LOCAL_SETTINGS,
// CLERK_LOCAL_CONVEX_INTEGRATION, CLERK_LOCAL_WEBHOOK_URL.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { SEEDED_USERS } from "@repo/local-server/seeded-users";

import { DEFAULT_LOCKOUT, DEFAULT_MAX_USERS } from "./instance";
import type { ConvexIntegration } from "./settings";
import { CONVEX_INTEGRATIONS, SettingsError } from "./settings";
import type { LockoutPolicy } from "./store";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** An integer env var within bounds, its default when unset, else an error naming the variable. */
function integerEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
  }
  return value;
}

const isSet = (name: string) => (process.env[name] ?? "") !== "";

export function readCliSettings(): {
  port: number;
  httpsPort: number;
  dataDir: string;
  lockout?: LockoutPolicy;
  maxUsers: number;
} {
  const lockoutFromEnv =
    isSet("CLERK_LOCAL_LOCKOUT_ATTEMPTS") || isSet("CLERK_LOCAL_LOCKOUT_SECONDS");
  return {
    port: integerEnv("CLERK_LOCAL_PORT", 4100, 0, 65535),
    // The HTTPS listener, for SDK code that insists on https:// (direct mode with an absolute proxy URL).
    httpsPort: integerEnv("CLERK_LOCAL_HTTPS_PORT", 4101, 0, 65535),
    dataDir: resolve(join(process.env.OFFLINE_DATA_DIR ?? join(repoRoot, ".data"), "clerk")),
    // Unset, the settings file's lockout (or Clerk's default) applies.
    ...(lockoutFromEnv
      ? {
          lockout: {
            // 0 turns lockout off, as the Clerk dashboard's toggle does.
            maxAttempts: integerEnv(
              "CLERK_LOCAL_LOCKOUT_ATTEMPTS",
              DEFAULT_LOCKOUT.maxAttempts,
              0,
              1_000_000,
            ),
            durationMs:
              integerEnv(
                "CLERK_LOCAL_LOCKOUT_SECONDS",
                DEFAULT_LOCKOUT.durationMs / 1000,
                1,
                10 * 365 * 86400,
              ) * 1000,
          },
        }
      : {}),
    maxUsers: integerEnv(
      "CLERK_LOCAL_MAX_USERS",
      DEFAULT_MAX_USERS,
      SEEDED_USERS.length,
      10_000_000,
    ),
  };
}

/**
 * CLERK_LOCAL_CONVEX_INTEGRATION: "native" or "template" (the settings file's `convexIntegration`, which it
 * overrides when set); anything else is an error naming the variable.
 */
export function convexIntegrationFromEnv(): ConvexIntegration | undefined {
  const raw = (process.env.CLERK_LOCAL_CONVEX_INTEGRATION ?? "").trim();
  if (raw === "") return undefined;
  const known: readonly string[] = CONVEX_INTEGRATIONS;
  if (!known.includes(raw)) {
    throw new SettingsError(
      `CLERK_LOCAL_CONVEX_INTEGRATION must be one of ${CONVEX_INTEGRATIONS.join(", ")} (got "${raw}").`,
    );
  }
  return raw as ConvexIntegration;
}

/** CLERK_LOCAL_WEBHOOK_URL: where Clerk's webhooks go (over the settings file's `webhookUrl`); http(s) only. */
export function webhookUrlFromEnv(): string | undefined {
  const raw = (process.env.CLERK_LOCAL_WEBHOOK_URL ?? "").trim();
  if (raw === "") return undefined;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (url === null || !["http:", "https:"].includes(url.protocol)) {
    throw new SettingsError(`CLERK_LOCAL_WEBHOOK_URL must be an http(s) URL (got "${raw}").`);
  }
  return url.href;
}

/** CLERK_LOCAL_SETTINGS: the instance settings file, when it is not `<data dir>/clerk-local.json`. */
export function settingsFileFromEnv(): string | undefined {
  const path = (process.env.CLERK_LOCAL_SETTINGS ?? "").trim();
  return path === "" ? undefined : resolve(path);
}
