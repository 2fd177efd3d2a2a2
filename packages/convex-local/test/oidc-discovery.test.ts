// CONVEX_LOCAL_OIDC_DISCOVERY: an issuer whose host does not resolve here (Clerk's Frontend API host, which the
// local Clerk server's session tokens name) has its OIDC discovery fetched from another URL, as a hosts file entry
// would; the token's issuer and audience are still checked against auth.config.ts as written.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { TokenVerifier } from "../src/auth";
import { oidcDiscoveryValue } from "../src/env";

// `.invalid` never resolves (RFC 2606), as Clerk's emulated Frontend API host does not offline.
const ISSUER = "https://verb-noun-00.clerk.accounts.invalid";
const keys = await generateKeyPair("RS256");
const jwk = { ...(await exportJWK(keys.publicKey)), kid: "k1", alg: "RS256", use: "sig" };

const served = createServer((request, response) => {
  const origin = `http://127.0.0.1:${(served.address() as AddressInfo).port}`;
  const body =
    request.url === "/.well-known/openid-configuration"
      ? { issuer: ISSUER, jwks_uri: `${origin}/jwks` }
      : { keys: [jwk] };
  response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
});
let origin: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => served.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(served.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => served.close(resolve)));

const token = (claims: Record<string, unknown>) =>
  new SignJWT({ sub: "user_1", aud: "convex", iss: ISSUER, ...claims })
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .setExpirationTime("1m")
    .sign(keys.privateKey);

const config = { providers: [{ domain: ISSUER, applicationID: "convex" }] };

describe("OIDC discovery for an issuer served elsewhere", () => {
  it("verifies a token of that issuer with the keys found through the mapped URL", async () => {
    const verifier = TokenVerifier.fromConfig(config, { [ISSUER]: origin });
    await expect(verifier.verify(await token({}))).resolves.toMatchObject({
      tokenIdentifier: `${ISSUER}|user_1`,
      issuer: ISSUER,
    });
  });

  it("still checks the audience, and fails discovery without the mapping", async () => {
    const mapped = TokenVerifier.fromConfig(config, { [ISSUER]: origin });
    await expect(mapped.verify(await token({ aud: "other" }))).rejects.toThrow(/aud/);
    const unmapped = TokenVerifier.fromConfig(config);
    await expect(unmapped.verify(await token({}))).rejects.toThrow(/Token verification failed/);
  });
});

describe("CONVEX_LOCAL_OIDC_DISCOVERY's value", () => {
  it("is a JSON object from issuer URL to URL; a trailing slash on the issuer does not count", () => {
    expect(oidcDiscoveryValue(undefined)).toEqual({});
    expect(oidcDiscoveryValue(JSON.stringify({ [`${ISSUER}/`]: origin }))).toEqual({
      [ISSUER]: origin,
    });
  });

  it.each(["[]", "nope", '{"x":"y"}', `{"${ISSUER}":5}`, `{"${ISSUER}":"ftp://x"}`])(
    "refuses %s, naming the variable",
    (raw) => {
      expect(() => oidcDiscoveryValue(raw)).toThrow(/CONVEX_LOCAL_OIDC_DISCOVERY must be/);
    },
  );
});
