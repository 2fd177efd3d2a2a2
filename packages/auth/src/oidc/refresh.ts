// Silent refresh with refresh-token rotation. A due ID token (expiring within a minute) is renewed by the
// refresh-token grant; anything else is left alone, so a page load (Convex forces a token fetch on each) rotates
// nothing.
//
// Rotation makes every refresh token good once, and a provider that sees one reused may revoke the whole grant
// (oidc-provider does; so do Auth0, Okta and Keycloak with reuse detection). Requests of one browser that run at the
// same time carry the same cookie: the page, its Convex token fetch, a prefetch. So the grant for a given refresh
// token runs once per process, and for a minute after it, a request still carrying the spent token gets the
// session that grant produced instead of reusing it.
import * as oidc from "openid-client";

import { isProviderRefusal, oidcConfiguration } from "./client";
import type { OidcSession } from "./session";
import { oidcSettings } from "./settings";
import { idTokenExpiresSoon, sessionFrom } from "./tokens";

const REUSE_WINDOW_MS = 60_000;

interface Refresh {
  result: Promise<OidcSession | null>;
  startedAt: number;
}

const refreshes = new Map<string, Refresh>();

function forget(nowMs: number): void {
  for (const [token, refresh] of refreshes)
    if (nowMs - refresh.startedAt > REUSE_WINDOW_MS) refreshes.delete(token);
}

async function grant(session: OidcSession, refreshToken: string): Promise<OidcSession | null> {
  const config = await oidcConfiguration();
  const { audience } = oidcSettings();
  try {
    const tokens = await oidc.refreshTokenGrant(
      config,
      refreshToken,
      audience === undefined ? undefined : { audience },
    );
    return sessionFrom(tokens, session);
  } catch (error) {
    // Refused (revoked, expired, reused): the session is over. Not reaching the provider is the caller's to report.
    if (isProviderRefusal(error)) return null;
    throw error;
  }
}

/**
 * The session with an ID token valid for at least a minute more: `session` itself when it is not due, a refreshed
 * one, or null when it cannot be refreshed (no refresh token, or the provider refused it). Throws when the provider
 * cannot be reached (the session may still be good later).
 */
export async function freshSession(
  session: OidcSession,
  nowMs = Date.now(),
): Promise<OidcSession | null> {
  if (!idTokenExpiresSoon(session.idToken, nowMs)) return session;
  const refreshToken = session.refreshToken;
  if (refreshToken === null) return null;
  forget(nowMs);
  let refresh = refreshes.get(refreshToken);
  if (refresh === undefined) {
    refresh = { result: grant(session, refreshToken), startedAt: nowMs };
    refreshes.set(refreshToken, refresh);
    // A failed attempt (provider unreachable) may be retried by the next request.
    refresh.result.catch(() => refreshes.delete(refreshToken));
  }
  const refreshed = await refresh.result;
  return refreshed === null || idTokenExpiresSoon(refreshed.idToken, nowMs) ? null : refreshed;
}
