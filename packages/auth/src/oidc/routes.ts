// The app's /auth/* routes for any OpenID provider, served by the middleware (./middleware.ts), as nextjs-auth0
// serves Auth0's: /auth/login (authorization code + PKCE), /auth/callback, /auth/logout (RP-initiated logout where
// the provider advertises it), /auth/convex-token (the ID token for the browser's Convex client, refreshed when due)
// and /auth/profile (who is signed in, for the client).
import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import * as oidc from "openid-client";

import { CONVEX_TOKEN_ROUTE } from "../convex-token-fetch";
import type { ConvexTokenBody } from "../convex-token-fetch";
import { appBaseUrl, isHttps, safeReturnTo } from "./base-url";
import { isProviderRefusal, oidcConfiguration } from "./client";
import { freshSession } from "./refresh";
import { json, methodNotAllowed, providerUnreachable, text } from "./replies";
import type { OidcSession } from "./session";
import {
  cookieOptions,
  openSession,
  openTransaction,
  sealSession,
  sealTransaction,
  SESSION_COOKIE,
  SESSION_MAX_AGE_S,
  TRANSACTION_COOKIE,
  TRANSACTION_MAX_AGE_S,
} from "./session";
import { oidcSettings } from "./settings";
import { sessionFrom } from "./tokens";

export const CALLBACK_PATH = "/auth/callback";

export const readSession = (request: NextRequest) =>
  openSession(request.cookies.get(SESSION_COOKIE)?.value);

/** Puts `session` on `response` (or clears it, for null). */
export async function writeSession(
  request: NextRequest,
  response: NextResponse,
  session: OidcSession | null,
): Promise<void> {
  if (session === null) {
    response.cookies.set(SESSION_COOKIE, "", cookieOptions(isHttps(request), 0));
    return;
  }
  response.cookies.set(
    SESSION_COOKIE,
    await sealSession(session),
    cookieOptions(isHttps(request), SESSION_MAX_AGE_S),
  );
}

async function login(request: NextRequest): Promise<NextResponse> {
  let config: oidc.Configuration;
  try {
    config = await oidcConfiguration();
  } catch {
    return providerUnreachable();
  }
  const { scope, audience } = oidcSettings();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const redirectUri = `${appBaseUrl(request)}${CALLBACK_PATH}`;
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...(audience === undefined ? {} : { audience }),
  });
  const response = NextResponse.redirect(url);
  const returnTo = safeReturnTo(request.nextUrl.searchParams.get("returnTo"));
  response.cookies.set(
    TRANSACTION_COOKIE,
    await sealTransaction({ codeVerifier, state, nonce, redirectUri, returnTo }),
    cookieOptions(isHttps(request), TRANSACTION_MAX_AGE_S),
  );
  return response;
}

async function callback(request: NextRequest): Promise<NextResponse> {
  const tx = await openTransaction(request.cookies.get(TRANSACTION_COOKIE)?.value);
  if (tx === null) {
    return text(
      400,
      "This sign-in expired or was started in another browser. Go back to the app and sign in again.",
    );
  }
  let session: OidcSession | null;
  try {
    const config = await oidcConfiguration();
    // The URL the provider redirected to, on the origin the sign-in started from (the request's may be a proxy's).
    const current = new URL(`${tx.redirectUri}${request.nextUrl.search}`);
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: tx.codeVerifier,
      expectedState: tx.state,
      expectedNonce: tx.nonce,
      idTokenExpected: true,
    });
    session = sessionFrom(tokens);
  } catch (error) {
    if (!isProviderRefusal(error)) return providerUnreachable();
    // The provider's error (access_denied, …), a wrong state, or a refused code: named, not echoed as markup.
    const reason =
      error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError
        ? error.error
        : "invalid_response";
    const failed = text(400, `Sign-in failed (${reason}). Go back to the app and sign in again.`);
    failed.cookies.set(TRANSACTION_COOKIE, "", cookieOptions(isHttps(request), 0));
    return failed;
  }
  if (session === null) return text(400, "Sign-in failed (the provider sent no ID token).");
  const response = NextResponse.redirect(new URL(tx.returnTo, appBaseUrl(request)));
  response.cookies.set(TRANSACTION_COOKIE, "", cookieOptions(isHttps(request), 0));
  await writeSession(request, response, session);
  return response;
}

async function logout(request: NextRequest): Promise<NextResponse> {
  const session = await readSession(request);
  const home = `${appBaseUrl(request)}/`;
  let target = home;
  try {
    const config = await oidcConfiguration();
    const metadata = config.serverMetadata();
    // Revoked so a copy of the cookie taken earlier cannot refresh again (best effort: the cookie goes anyway).
    if (session?.refreshToken != null && metadata.revocation_endpoint !== undefined) {
      await oidc.tokenRevocation(config, session.refreshToken).catch(() => undefined);
    }
    if (metadata.end_session_endpoint !== undefined) {
      target = oidc
        .buildEndSessionUrl(config, {
          post_logout_redirect_uri: home,
          ...(session === null ? {} : { id_token_hint: session.idToken }),
        })
        .toString();
    }
  } catch {
    // Provider unreachable: the app's session still ends.
  }
  const response = NextResponse.redirect(target);
  await writeSession(request, response, null);
  return response;
}

async function convexToken(request: NextRequest): Promise<NextResponse> {
  const session = await readSession(request);
  const reply = (token: string | null, status = 200) =>
    json({ token } satisfies ConvexTokenBody, status);
  if (session === null) return reply(null, 401);
  let fresh: OidcSession | null;
  try {
    fresh = await freshSession(session);
  } catch {
    return json({ token: null, error: "provider_unreachable" }, 503);
  }
  const response = reply(fresh?.idToken ?? null, fresh === null ? 401 : 200);
  if (fresh !== session) await writeSession(request, response, fresh);
  return response;
}

async function profile(request: NextRequest): Promise<NextResponse> {
  const session = await readSession(request);
  return json({ user: session?.user ?? null });
}

const ROUTES: Record<string, (request: NextRequest) => Promise<NextResponse>> = {
  "/auth/login": login,
  [CALLBACK_PATH]: callback,
  "/auth/logout": logout,
  [CONVEX_TOKEN_ROUTE]: convexToken,
  "/auth/profile": profile,
};

/** Answers a request under /auth/: one of the routes above (GET only), else 404. */
export async function authRoute(request: NextRequest): Promise<NextResponse> {
  const route = Object.hasOwn(ROUTES, request.nextUrl.pathname)
    ? ROUTES[request.nextUrl.pathname]
    : undefined;
  if (route === undefined) return json({ error: "not_found" }, 404);
  if (request.method !== "GET") return methodNotAllowed();
  return route(request);
}
