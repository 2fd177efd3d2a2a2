// Custom session token claims, as the Clerk dashboard's "Customize session token" (Sessions page) sets them: a JSON
// object whose values are literals or Clerk shortcodes (`{{user.full_name}}`), rendered for the session's user.
import { z } from "zod";

import type { User } from "./store";

/** The shortcodes this server renders (a subset of Clerk's: the user fields it keeps). */
const SHORTCODES = {
  "user.id": (user) => user.id,
  "user.first_name": (user) => user.firstName,
  "user.last_name": (user) => user.lastName,
  "user.full_name": (user) => [user.firstName, user.lastName].filter(Boolean).join(" ") || null,
  "user.username": (user) => user.username,
  "user.primary_email_address": (user) => user.email,
  // No email verification offline: every address counts as verified, as in the "convex" template.
  "user.email_verified": (user) => user.email !== null,
  "user.created_at": (user) => Math.floor(user.createdAt / 1000),
  "user.updated_at": (user) => Math.floor(user.updatedAt / 1000),
} satisfies Record<string, (user: User) => string | number | boolean | null>;

type Shortcode = keyof typeof SHORTCODES;
const SHORTCODE = /^\{\{\s*([a-z_.]+)\s*\}\}$/;
const isShortcode = (name: string): name is Shortcode => Object.hasOwn(SHORTCODES, name);

/**
 * Claims Clerk sets itself, which a customization cannot replace (Clerk refuses them too), and `aud`, which the Convex
 * integration setting decides.
 */
const RESERVED = new Set([
  "aud",
  "azp",
  "exp",
  "fea",
  "fva",
  "iat",
  "iss",
  "jti",
  "nbf",
  "o",
  "pla",
  "sid",
  "sts",
  "sub",
  "v",
]);

const claimValue = z.union([
  z
    .string()
    .max(1024)
    .refine(
      (value) => {
        const code = SHORTCODE.exec(value)?.[1];
        return code === undefined || isShortcode(code);
      },
      `an unknown shortcode (known: ${Object.keys(SHORTCODES).join(", ")})`,
    ),
  z.number(),
  z.boolean(),
]);

export const sessionClaimsSchema = z
  .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "a claim name"), claimValue)
  .refine((claims) => Object.keys(claims).length <= 32, "at most 32 claims")
  .superRefine((claims, context) => {
    for (const name of Object.keys(claims)) {
      if (RESERVED.has(name)) {
        context.addIssue({
          code: "custom",
          path: [name],
          message: `"${name}" is set by Clerk itself and cannot be customized`,
        });
      }
    }
  });

export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

/**
 * This server's default customization: the user's name and email address, so a Convex function sees who signed in
 * from the session token alone (Clerk's own default is none: `"sessionClaims": {}` in the settings file gives that).
 */
export const DEFAULT_SESSION_CLAIMS: SessionClaims = {
  name: "{{user.full_name}}",
  email: "{{user.primary_email_address}}",
};

/** The claims for `user`; a shortcode whose value is empty leaves its claim out, as Clerk's templates do. */
export function renderSessionClaims(
  claims: SessionClaims,
  user: User,
): Record<string, string | number | boolean> {
  const rendered: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(claims)) {
    const code = typeof value === "string" ? SHORTCODE.exec(value)?.[1] : undefined;
    const resolved = code !== undefined && isShortcode(code) ? SHORTCODES[code](user) : value;
    if (resolved !== null && resolved !== "") rendered[name] = resolved;
  }
  return rendered;
}
