// The server-side session: the provider's tokens in an encrypted cookie (JWE, dir + A256GCM, with jose), readable
// only by the app's server. The browser never sees a token except the ID token the Convex client asks for. The same
// sealing keeps the sign-in transaction (PKCE verifier, state, nonce) between /auth/login and /auth/callback.
import { EncryptJWT, jwtDecrypt } from "jose";

import { oidcSettings } from "./settings";

export interface OidcUser {
  sub: string;
  name: string | null;
  email: string | null;
}

export interface OidcSession {
  /** The token Convex verifies (iss = the issuer, aud = the client ID). */
  idToken: string;
  /** Absent when the provider issued none (no offline_access): the session then ends with the ID token. */
  refreshToken: string | null;
  user: OidcUser;
}

export interface LoginTransaction {
  codeVerifier: string;
  state: string;
  nonce: string;
  redirectUri: string;
  returnTo: string;
}

export const SESSION_COOKIE = "oidc_session";
export const TRANSACTION_COOKIE = "oidc_tx";
/** How long a session lasts at most without signing in again (the provider may end it sooner). */
export const SESSION_MAX_AGE_S = 30 * 24 * 3600;
/** How long a sign-in may take on the provider's page. */
export const TRANSACTION_MAX_AGE_S = 10 * 60;

type Purpose = "session" | "transaction";

const keys = new Map<string, Promise<Uint8Array>>();

/** A key per purpose from OIDC_SECRET (HKDF-SHA-256): a transaction cookie never opens as a session. */
function keyFor(purpose: Purpose): Promise<Uint8Array> {
  const secret = oidcSettings().secret;
  const id = `${purpose}:${secret}`;
  let key = keys.get(id);
  if (key === undefined) {
    key = (async () => {
      const material = await crypto.subtle.importKey(
        "raw",
        new TextEncoder().encode(secret),
        "HKDF",
        false,
        ["deriveBits"],
      );
      const bits = await crypto.subtle.deriveBits(
        {
          name: "HKDF",
          hash: "SHA-256",
          salt: new Uint8Array(),
          info: new TextEncoder().encode(`@repo/auth oidc ${purpose}`),
        },
        material,
        256,
      );
      return new Uint8Array(bits);
    })();
    keys.set(id, key);
  }
  return key;
}

async function seal(purpose: Purpose, value: object, maxAgeS: number): Promise<string> {
  return new EncryptJWT({ v: value })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(`${maxAgeS}s`)
    .encrypt(await keyFor(purpose));
}

/** The sealed value, or null for anything else: missing, tampered, expired, sealed with another key or purpose. */
async function unseal<T>(
  purpose: Purpose,
  sealed: string | undefined,
  isValid: (value: unknown) => value is T,
): Promise<T | null> {
  if (sealed === undefined || sealed === "") return null;
  try {
    const { payload } = await jwtDecrypt(sealed, await keyFor(purpose), {
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
    });
    return isValid(payload.v) ? payload.v : null;
  } catch {
    return null;
  }
}

const isString = (value: unknown): value is string => typeof value === "string";
const isNullableString = (value: unknown): value is string | null =>
  value === null || typeof value === "string";

function isSession(value: unknown): value is OidcSession {
  const session = value as Partial<OidcSession> | null;
  const user = session?.user as Partial<OidcUser> | undefined;
  return (
    isString(session?.idToken) &&
    isNullableString(session.refreshToken) &&
    isString(user?.sub) &&
    isNullableString(user.name) &&
    isNullableString(user.email)
  );
}

function isTransaction(value: unknown): value is LoginTransaction {
  const tx = value as Partial<LoginTransaction> | null;
  return (["codeVerifier", "state", "nonce", "redirectUri", "returnTo"] as const).every((key) =>
    isString(tx?.[key]),
  );
}

export const sealSession = (session: OidcSession) => seal("session", session, SESSION_MAX_AGE_S);
export const openSession = (sealed: string | undefined) => unseal("session", sealed, isSession);
export const sealTransaction = (tx: LoginTransaction) =>
  seal("transaction", tx, TRANSACTION_MAX_AGE_S);
export const openTransaction = (sealed: string | undefined) =>
  unseal("transaction", sealed, isTransaction);

/** The cookie attributes of both cookies: never readable by scripts, sent on top-level navigations back. */
export function cookieOptions(secure: boolean, maxAge: number) {
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge };
}
