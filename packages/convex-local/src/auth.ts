// Verifies client JWTs exactly as convex/auth.config.ts declares: OIDC providers ({domain, applicationID})
// and customJwt providers ({issuer, jwks, algorithm, applicationID}). Signature, issuer, audience and expiry
// are all enforced; `alg: none` is never accepted (jose only allows the listed algorithms).
import type { UserIdentity } from "convex/server";
import type { JWTPayload, JWTVerifyGetKey } from "jose";
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  jwtVerify,
} from "jose";

interface OidcProvider {
  type?: undefined;
  domain: string;
  applicationID: string;
}
interface CustomJwtProvider {
  type: "customJwt";
  issuer: string;
  jwks: string;
  algorithm: "RS256" | "ES256";
  applicationID?: string;
}
export type AuthProvider = OidcProvider | CustomJwtProvider;

export class AuthError extends Error {}

// Captured before convex-test swaps globals for function execution.
const realFetch = globalThis.fetch.bind(globalThis);

const trimSlash = (url: string) => url.replace(/\/+$/, "");

function parseProviders(config: unknown): AuthProvider[] {
  if (config === undefined || config === null) return [];
  const providers = (config as { providers?: unknown }).providers;
  if (!Array.isArray(providers))
    throw new Error("auth.config.ts must export default { providers: [...] }.");
  return providers.map((raw: unknown, index) => {
    const p = raw as Partial<Omit<OidcProvider, "type"> & Omit<CustomJwtProvider, "type">> & {
      type?: unknown;
    };
    if (p.type === "customJwt") {
      if (typeof p.issuer !== "string" || typeof p.jwks !== "string") {
        throw new Error(
          `auth.config.ts providers[${index}]: customJwt needs string "issuer" and "jwks".`,
        );
      }
      const algorithm = p.algorithm === "ES256" ? "ES256" : "RS256";
      return {
        type: "customJwt",
        issuer: p.issuer,
        jwks: p.jwks,
        algorithm,
        applicationID: p.applicationID,
      };
    }
    if (typeof p.domain !== "string" || typeof p.applicationID !== "string") {
      throw new Error(
        `auth.config.ts providers[${index}]: needs string "domain" and "applicationID".`,
      );
    }
    return { domain: p.domain, applicationID: p.applicationID };
  });
}

function keySetFor(jwks: string): JWTVerifyGetKey {
  if (jwks.startsWith("data:")) {
    const comma = jwks.indexOf(",");
    const meta = jwks.slice(5, comma);
    const body = jwks.slice(comma + 1);
    const json = meta.endsWith(";base64")
      ? Buffer.from(body, "base64").toString("utf8")
      : decodeURIComponent(body);
    return createLocalJWKSet(JSON.parse(json) as Parameters<typeof createLocalJWKSet>[0]);
  }
  return createRemoteJWKSet(new URL(jwks));
}

const CLAIM_NAMES: Record<string, keyof UserIdentity> = {
  given_name: "givenName",
  family_name: "familyName",
  preferred_username: "preferredUsername",
  profile: "profileUrl",
  picture: "pictureUrl",
  email_verified: "emailVerified",
  phone_number: "phoneNumber",
  phone_number_verified: "phoneNumberVerified",
  updated_at: "updatedAt",
};
const DROPPED = new Set(["iss", "sub", "aud", "exp", "iat", "nbf", "jti", "azp", "sid"]);

/**
 * The identity Convex functions see: tokenIdentifier = iss|sub, OIDC claims camel-cased, custom claims kept.
 * The issuer is the matched provider's, as auth.config.ts spells it: "https://x/" and "https://x" in a token name
 * one provider (the lookup below treats them alike), so they must give one tokenIdentifier, not two users; and an
 * Auth0 provider configured the way Auth0 writes its issuer ("https://tenant/") keeps that form.
 */
export function identityFromClaims(payload: JWTPayload, issuer: string): UserIdentity {
  const identity: Record<string, unknown> = {
    tokenIdentifier: `${issuer}|${payload.sub ?? ""}`,
    subject: payload.sub,
    issuer,
  };
  for (const [claim, value] of Object.entries(payload)) {
    if (DROPPED.has(claim) || value === undefined) continue;
    identity[CLAIM_NAMES[claim] ?? claim] =
      claim === "updated_at" && typeof value === "number" ? String(value) : value;
  }
  return identity as unknown as UserIdentity;
}

export class TokenVerifier {
  private readonly keySets = new Map<string, Promise<JWTVerifyGetKey>>();

  /**
   * `discoveryOrigins`: issuer -> the URL its OIDC discovery is served at, for an issuer whose own host does not
   * resolve on this machine (the local Clerk server stands in for `https://<app>.clerk.accounts.dev`), as a hosts
   * file entry would; the token's issuer is still checked against auth.config.ts as written.
   */
  constructor(
    private providers: AuthProvider[],
    private readonly discoveryOrigins: Readonly<Record<string, string>> = {},
  ) {}

  static fromConfig(
    config: unknown,
    discoveryOrigins?: Readonly<Record<string, string>>,
  ): TokenVerifier {
    return new TokenVerifier(parseProviders(config), discoveryOrigins);
  }

  /** Trusts the providers of a new auth config from now on (a push changed auth.config.ts). */
  replace(config: unknown): void {
    this.providers = parseProviders(config);
    this.keySets.clear();
  }

  describe(): string[] {
    return this.providers.map((p) =>
      p.type === "customJwt"
        ? `customJwt ${p.issuer}`
        : `${p.domain} (applicationID "${p.applicationID}")`,
    );
  }

  private keySet(provider: AuthProvider): Promise<JWTVerifyGetKey> {
    const cacheKey = provider.type === "customJwt" ? provider.jwks : provider.domain;
    let keySet = this.keySets.get(cacheKey);
    if (keySet === undefined) {
      keySet =
        provider.type === "customJwt"
          ? Promise.resolve(keySetFor(provider.jwks))
          : discoverJwks(this.discoveryOrigins[trimSlash(provider.domain)] ?? provider.domain).then(
              keySetFor,
            );
      // A failed discovery (issuer not up yet) is retried on the next token.
      keySet.catch(() => this.keySets.delete(cacheKey));
      this.keySets.set(cacheKey, keySet);
    }
    return keySet;
  }

  async verify(token: string): Promise<UserIdentity> {
    let unverified: JWTPayload;
    let header: Record<string, unknown>;
    try {
      unverified = decodeJwt(token);
      header = decodeProtectedHeader(token);
    } catch {
      throw new AuthError(
        "Could not parse JWT payload. Check that the token is a valid JWT format.",
      );
    }
    // Everything below (provider lookup, key selection) reads these before the signature is checked.
    const malformed = malformedField(header, unverified);
    if (malformed !== undefined) throw new AuthError(`Token verification failed: ${malformed}`);
    const issuer = trimSlash(unverified.iss ?? "");
    const provider = this.providers.find(
      (p) => trimSlash(p.type === "customJwt" ? p.issuer : p.domain) === issuer,
    );
    if (provider === undefined) {
      throw new AuthError(
        `No auth provider found matching the given token (iss: "${issuer}"). ` +
          `Configured providers: ${this.describe().join(", ") || "none"}. Check convex/auth.config.ts.`,
      );
    }
    try {
      const { payload } = await jwtVerify(token, await this.keySet(provider), {
        issuer: [issuer, `${issuer}/`],
        audience: provider.applicationID,
        algorithms: provider.type === "customJwt" ? [provider.algorithm] : ["RS256", "ES256"],
        requiredClaims: ["sub", "exp"],
      });
      // jose only checks that `sub` is present; an empty subject would make every such token one user.
      if (typeof payload.sub !== "string" || payload.sub === "")
        throw new AuthError('the "sub" claim must be a non-empty string');
      return identityFromClaims(
        payload,
        provider.type === "customJwt" ? provider.issuer : provider.domain,
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AuthError(`Token verification failed: ${reason}`);
    }
  }
}

const isString = (value: unknown) => typeof value === "string";
const isNumericDate = (value: unknown) => typeof value === "number" && Number.isFinite(value);
const isAudience = (value: unknown) =>
  isString(value) || (Array.isArray(value) && value.length > 0 && value.every(isString));

/** The type every header field and claim the verifier reads must have, when present (RFC 7519 §4.1). */
const HEADER_TYPES: Record<string, [(value: unknown) => boolean, string]> = {
  alg: [isString, "a string"],
  kid: [isString, "a string"],
};
const CLAIM_TYPES: Record<string, [(value: unknown) => boolean, string]> = {
  iss: [isString, "a string"],
  sub: [isString, "a string"],
  aud: [isAudience, "a string or a non-empty array of strings"],
  exp: [isNumericDate, "a number"],
  nbf: [isNumericDate, "a number"],
  iat: [isNumericDate, "a number"],
};

/** The first header field or claim of the wrong type, described; undefined when all are well-typed. */
export function malformedField(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
): string | undefined {
  if (header.alg === undefined) return 'the "alg" header is missing';
  for (const [fields, types, kind] of [
    [header, HEADER_TYPES, "header"],
    [payload, CLAIM_TYPES, "claim"],
  ] as const) {
    for (const [name, [check, expected]] of Object.entries(types)) {
      const value = fields[name];
      if (value !== undefined && !check(value)) return `the "${name}" ${kind} must be ${expected}`;
    }
  }
  return undefined;
}

async function discoverJwks(domain: string): Promise<string> {
  const url = `${trimSlash(domain)}/.well-known/openid-configuration`;
  const response = await realFetch(url);
  if (!response.ok)
    throw new AuthError(`OIDC discovery failed: GET ${url} answered ${response.status}.`);
  const config = (await response.json()) as { jwks_uri?: unknown };
  if (typeof config.jwks_uri !== "string")
    throw new AuthError(`OIDC discovery at ${url} has no jwks_uri.`);
  return config.jwks_uri;
}
