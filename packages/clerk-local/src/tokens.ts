// JWTs this instance issues: session tokens (the `__session` cookie), "convex" template tokens, handshake payloads.
import { randomUUID } from "node:crypto";

import { SignJWT } from "jose";

import type { ServerContext } from "./context";
import { CONVEX_TEMPLATE, SESSION_ISSUER, SESSION_TOKEN_SECONDS } from "./instance";
import type { InstanceKeys } from "./keys";
import { renderSessionClaims } from "./session-claims";
import type { Session, User } from "./store";

export class UnknownTemplateError extends Error {}

function sign(keys: InstanceKeys, claims: Record<string, unknown>): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: keys.kid, typ: "JWT" })
    .setIssuedAt(now)
    .setNotBefore(now - 10)
    .setExpirationTime(now + SESSION_TOKEN_SECONDS)
    .setJti(randomUUID().replaceAll("-", "").slice(0, 20))
    .sign(keys.privateKey);
}

/**
 * The short-lived session token Clerk's SDKs verify on every request: Clerk's claims (v2), the instance's custom
 * session claims and, with the Convex integration active ("native"), `aud: "convex"`, which makes it the token
 * Convex verifies (`ConvexProviderWithClerk` and @repo/auth's server helpers then ask for no template).
 */
export function sessionToken(
  context: Pick<ServerContext, "keys" | "store" | "settings">,
  session: Session,
  origin: string | null,
): Promise<string> {
  const user = context.store.user(session.userId);
  return sign(context.keys, {
    ...(user === null ? {} : renderSessionClaims(context.settings.sessionClaims, user)),
    iss: SESSION_ISSUER,
    sub: session.userId,
    sid: session.id,
    ...(context.settings.convexIntegration === "native" ? { aud: "convex" } : {}),
    ...(origin === null ? {} : { azp: origin }),
    fva: [0, -1],
    sts: "active",
    v: 2,
  });
}

/**
 * A JWT template token. Only "convex" exists, and only when the instance uses the template ("template"): issued by
 * this server's own URL (which serves OIDC discovery) with aud "convex" and the claims Clerk's Convex template puts
 * in. With the Convex integration active there is no template, as on a new Clerk instance.
 */
export function templateToken(
  context: Pick<ServerContext, "keys" | "settings" | "issuer">,
  template: string,
  session: Session,
  user: User,
): Promise<string> {
  if (template !== CONVEX_TEMPLATE || context.settings.convexIntegration !== "template") {
    throw new UnknownTemplateError(`No JWT template exists with name: ${template}`);
  }
  const { keys, issuer } = context;
  const name = [user.firstName, user.lastName].filter(Boolean).join(" ") || null;
  const claims: Record<string, unknown> = {
    iss: issuer,
    sub: user.id,
    aud: "convex",
    sid: session.id,
    name,
    given_name: user.firstName,
    family_name: user.lastName,
    email: user.email,
    email_verified: true,
    phone_number_verified: false,
    updated_at: Math.floor(user.updatedAt / 1000),
  };
  // Like Clerk's templates, leave out claims whose value is empty.
  return sign(
    keys,
    Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== null)),
  );
}

/** The `__clerk_handshake` payload: cookies the app must set, signed so the server SDK can trust them. */
export function handshakeToken(keys: InstanceKeys, cookies: string[]): Promise<string> {
  return sign(keys, { handshake: cookies });
}
