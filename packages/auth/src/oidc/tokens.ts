// What the session makes of the provider's token responses, and when its ID token counts as due for a refresh.
import { decodeJwt } from "jose";
import type * as oidc from "openid-client";

import { EXPIRY_MARGIN_S } from "./expiry";
import type { OidcSession, OidcUser } from "./session";

function userFrom(claims: oidc.IDToken): OidcUser {
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);
  const email = text(claims.email);
  return {
    sub: claims.sub,
    name: text(claims.name) ?? text(claims.preferred_username) ?? email,
    email,
  };
}

/**
 * A session from a token response (openid-client has verified the ID token: signature, iss, aud, exp, nonce).
 * `previous`: the session refreshed, whose refresh token stays when the provider does not rotate it.
 */
export function sessionFrom(
  tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
  previous?: OidcSession,
): OidcSession | null {
  const claims = tokens.claims();
  if (tokens.id_token === undefined || claims === undefined) return null;
  return {
    idToken: tokens.id_token,
    refreshToken: tokens.refresh_token ?? previous?.refreshToken ?? null,
    user: userFrom(claims),
  };
}

/** Seconds until the ID token expires (negative once it has), or -Infinity when it cannot be read. */
function secondsLeft(idToken: string, nowMs: number): number {
  try {
    const { exp } = decodeJwt(idToken);
    // Not trusting the type: a malformed exp ("soon") must not make the token look everlasting (NaN).
    return typeof exp === "number" && Number.isFinite(exp) ? exp - nowMs / 1000 : -Infinity;
  } catch {
    return -Infinity;
  }
}

export function idTokenExpiresSoon(idToken: string, nowMs = Date.now()): boolean {
  return secondsLeft(idToken, nowMs) <= EXPIRY_MARGIN_S;
}

/** The ID token while it is still valid; undefined once it has expired. */
export function validIdToken(session: OidcSession | null, nowMs = Date.now()): string | undefined {
  if (session === null) return undefined;
  return secondsLeft(session.idToken, nowMs) > 0 ? session.idToken : undefined;
}
