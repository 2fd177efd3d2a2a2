// The instance's configurable settings, from one JSON file: `<data dir>/clerk-local.json`, or the file named by
// CLERK_LOCAL_SETTINGS. Which identifiers users sign up and sign in with, which sign-up fields are required, the
// application's name and the lockout policy. Validated at start: a bad file stops the server with what is wrong.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { z } from "zod";

import { DEFAULT_LOCKOUT } from "./instance";
import type { SessionClaims } from "./session-claims";
import { DEFAULT_SESSION_CLAIMS, sessionClaimsSchema } from "./session-claims";
import type { LockoutPolicy } from "./store";

export const SETTINGS_FILE = "clerk-local.json";

const IDENTIFIERS = ["email_address", "username"] as const;
const FIELDS = [...IDENTIFIERS, "first_name", "last_name"] as const;
export type Identifier = (typeof IDENTIFIERS)[number];
export type SignUpField = (typeof FIELDS)[number];

/**
 * How Convex gets its token, the two ways a Clerk instance is set up for Convex: "native" (the Convex integration
 * activated in the Clerk dashboard: session tokens carry `aud: "convex"`, no JWT template exists) or "template" (a
 * JWT template named `convex`, with its own claims; session tokens have no `aud`).
 */
export const CONVEX_INTEGRATIONS = ["native", "template"] as const;
export type ConvexIntegration = (typeof CONVEX_INTEGRATIONS)[number];

const unique = <T>(values: T[]) => new Set(values).size === values.length;

const schema = z
  .strictObject({
    applicationName: z.string().trim().min(1).max(256).optional(),
    /** What users sign up and sign in with (Clerk dashboard: User & authentication > identifiers). */
    identifiers: z
      .array(z.enum(IDENTIFIERS))
      .min(1)
      .refine(unique, "must not repeat a value")
      .default(["email_address"]),
    /** Sign-up fields that must be filled (the password always is); default: the identifiers. */
    required: z.array(z.enum(FIELDS)).refine(unique, "must not repeat a value").optional(),
    lockout: z
      .strictObject({
        /** Failed sign-in verifications before the user is locked; 0 turns lockout off. */
        maxAttempts: z.int().min(0).max(100_000),
        durationSeconds: z
          .int()
          .min(1)
          .max(365 * 24 * 3600),
      })
      .optional(),
    /** Clerk's Convex setup (see CONVEX_INTEGRATIONS); native, as for new Clerk + Convex apps. */
    convexIntegration: z.enum(CONVEX_INTEGRATIONS).default("native"),
    /** Custom session token claims (Clerk dashboard: Sessions > Customize session token); src/session-claims.ts. */
    sessionClaims: sessionClaimsSchema.optional(),
    /** Where Clerk's webhooks (user.created / updated / deleted) go, Svix-signed; none when unset. */
    webhookUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .superRefine((value, context) => {
    for (const field of value.required ?? []) {
      const enabled =
        field === "first_name" || field === "last_name" || value.identifiers.includes(field);
      if (!enabled) {
        context.addIssue({
          code: "custom",
          path: ["required"],
          message: `"${field}" is required but not one of the identifiers`,
        });
      }
    }
    const required = value.required ?? value.identifiers;
    if (!required.some((field) => (IDENTIFIERS as readonly string[]).includes(field))) {
      context.addIssue({
        code: "custom",
        path: ["required"],
        message: "must include at least one identifier (a user needs something to sign in with)",
      });
    }
  });

export interface InstanceSettings {
  applicationName: string | null;
  identifiers: ReadonlySet<Identifier>;
  required: ReadonlySet<SignUpField>;
  lockout: LockoutPolicy;
  convexIntegration: ConvexIntegration;
  sessionClaims: SessionClaims;
  webhookUrl: string | null;
}

export const DEFAULT_SETTINGS: InstanceSettings = {
  applicationName: null,
  identifiers: new Set(["email_address"]),
  required: new Set(["email_address"]),
  lockout: DEFAULT_LOCKOUT,
  convexIntegration: "native",
  sessionClaims: DEFAULT_SESSION_CLAIMS,
  webhookUrl: null,
};

export class SettingsError extends Error {}

/** Validates settings given as JSON (the file's content, parsed), or throws a SettingsError saying what is wrong. */
export function parseSettings(input: unknown, source: string): InstanceSettings {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new SettingsError(
      `clerk-local: ${source} is not valid:\n${z.prettifyError(result.error)}`,
    );
  }
  const value = result.data;
  return {
    applicationName: value.applicationName ?? null,
    identifiers: new Set(value.identifiers),
    required: new Set(value.required ?? value.identifiers),
    lockout:
      value.lockout === undefined
        ? DEFAULT_LOCKOUT
        : {
            maxAttempts: value.lockout.maxAttempts,
            durationMs: value.lockout.durationSeconds * 1000,
          },
    convexIntegration: value.convexIntegration,
    sessionClaims: value.sessionClaims ?? DEFAULT_SESSION_CLAIMS,
    webhookUrl: value.webhookUrl ?? null,
  };
}

/**
 * Reads `file` (default `<dataDir>/clerk-local.json`). A missing default file means the defaults (email address +
 * password); a file named explicitly must exist.
 */
export function loadSettings(dataDir: string, file?: string): InstanceSettings {
  const path = file ?? join(dataDir, SETTINGS_FILE);
  if (!existsSync(path)) {
    if (file === undefined) return DEFAULT_SETTINGS;
    throw new SettingsError(`clerk-local: the settings file ${path} does not exist.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new SettingsError(
      `clerk-local: ${path} is not valid JSON (${(error as Error).message}).`,
    );
  }
  return parseSettings(parsed, path);
}
