// The token clerk-local mints for Convex is accepted by the local Convex backend running the project's real
// auth.config.ts (OIDC discovery + JWKS for the issuer clerk-local names), through the real ConvexHttpClient, in
// both Clerk setups: the Convex integration (the session token, aud "convex", issued by Clerk's Frontend API URL)
// and the "convex" JWT template (issued by clerk-local's URL).
import type { ConvexLocal } from "@repo/convex-local";
import { startConvexLocal } from "@repo/convex-local";
import { SEEDED_USERS } from "@repo/local-server/seeded-users";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SESSION_ISSUER } from "../src/index";
import type { ConvexIntegration } from "../src/settings";
import type { TestServer } from "./support";
import { ALICE, decodeHeader, decodePayload, FapiBrowser, startTestServer } from "./support";

interface UserRow {
  _id: string;
  tokenIdentifier: string;
  name: string;
  email?: string;
}
const store = makeFunctionReference<"mutation", Record<string, never>, string>("users:store");
const me = makeFunctionReference<"query", Record<string, never>, UserRow | null>("users:me");

/** The suite for one setup; each runs in its own test file (auth.config.ts is loaded once per process). */
export function convexAcceptsSuite(integration: ConvexIntegration): void {
  describe(`Convex with clerk-local (${integration})`, () => {
    let clerk: TestServer;
    let convex: ConvexLocal;
    let browser: FapiBrowser;
    let sessionId: string;
    let userId: string;
    /** What ConvexProviderWithClerk and @repo/auth ask for: the session token itself, or the "convex" template. */
    const template = integration === "native" ? undefined : "convex";

    beforeAll(async () => {
      clerk = await startTestServer({ convexIntegration: integration });
      convex = await startConvexLocal({
        port: 0,
        sitePort: 0,
        dataDir: null,
        // What the offline stack hands the backend: the issuer to trust, and where that issuer's discovery is served.
        env: { CLERK_JWT_ISSUER_DOMAIN: clerk.clerk.issuer },
        oidcDiscovery: clerk.clerk.oidcDiscovery,
        logs: false,
      });
      browser = await FapiBrowser.open(clerk.clerk.url);
      ({ sessionId, userId } = await browser.signIn(ALICE.email, ALICE.password));
    });
    afterAll(async () => {
      await convex.stop();
      await clerk.stop();
    });

    function client(token?: string): ConvexHttpClient {
      const http = new ConvexHttpClient(convex.url);
      if (token !== undefined) http.setAuth(token);
      return http;
    }

    async function convexToken(): Promise<string> {
      const { status, body } = await browser.token(sessionId, template);
      expect(status).toBe(200);
      return body.jwt;
    }

    describe("as its Clerk issuer", () => {
      it("accepts the convex token: users:store creates the row, users:me returns the identity", async () => {
        const alice = SEEDED_USERS[0];
        const authed = client(await convexToken());
        const id = await authed.mutation(store, {});
        const row = await authed.query(me, {});
        expect(row).toMatchObject({
          _id: id,
          // Convex's tokenIdentifier is `${iss}|${sub}`: the issuer it trusted and the Clerk user id.
          tokenIdentifier: `${clerk.clerk.issuer}|${userId}`,
          name: `${alice.firstName} ${alice.lastName}`,
          email: alice.email,
        });
      });

      it("names the issuer as Clerk does: the Frontend API URL (integration) or clerk-local's (template)", () => {
        expect(clerk.clerk.issuer).toBe(
          integration === "native" ? SESSION_ISSUER : clerk.clerk.url,
        );
      });

      it("maps the Backend API's token (server-side getToken) to the same user", async () => {
        const { jwt } = await clerk.bapi.sessions.getToken(sessionId, template);
        const authed = client(jwt);
        const first = await client(await convexToken()).mutation(store, {});
        expect(await authed.mutation(store, {})).toBe(first);
      });

      it("sees a signed-out caller as nobody", async () => {
        expect(await client().query(me, {})).toBeNull();
        await expect(client().mutation(store, {})).rejects.toThrow(/Sign in first/);
      });

      it("rejects the same claims signed by another key", async () => {
        const real = await convexToken();
        const stranger = await generateKeyPair("RS256");
        const forged = await new SignJWT(decodePayload(real))
          .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: String(decodeHeader(real).kid) })
          .sign(stranger.privateKey);
        await expect(client(forged).query(me, {})).rejects.toThrow(
          /Unauthenticated.*signature verification failed/,
        );
        await expect(client(forged).mutation(store, {})).rejects.toThrow(/Unauthenticated/);
      });

      it.runIf(integration === "template")(
        "rejects the session token, which is not meant for Convex (other issuer, no aud)",
        async () => {
          const { body } = await browser.token(sessionId);
          await expect(client(body.jwt).query(me, {})).rejects.toThrow(
            /Unauthenticated.*No auth provider found/,
          );
        },
      );

      it.runIf(integration === "native")(
        "rejects a session token without aud convex (an instance without the integration)",
        async () => {
          const plain = await startTestServer({ convexIntegration: "template" });
          try {
            const other = await FapiBrowser.open(plain.clerk.url);
            const signedIn = await other.signIn(ALICE.email, ALICE.password);
            const { body } = await other.token(signedIn.sessionId);
            // Same issuer (Clerk's Frontend API URL) but another key and no audience: refused either way.
            await expect(client(body.jwt).query(me, {})).rejects.toThrow(/Unauthenticated/);
          } finally {
            await plain.stop();
          }
        },
      );
    });
  });
}
