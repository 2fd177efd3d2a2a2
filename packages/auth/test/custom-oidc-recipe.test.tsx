// README's "any other OpenID provider" recipe, proven: Convex's OIDC `domain` provider (convex/auth.config.ts, here
// through its AUTH0_DOMAIN/AUTH0_CLIENT_ID variables, which name nothing but an issuer and an audience),
// ConvexProviderWithAuth, and a small useAuth hook fed by a generic OpenID client (openid-client: discovery, code +
// PKCE, refresh-token grant) — against the local Auth0-compatible server used as a plain OpenID provider, with a
// public client of its own, and a real local Convex backend checking every token.
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Auth0Local } from "@repo/auth0-local";
import { startAuth0Local } from "@repo/auth0-local";
import type { ConvexLocal } from "@repo/convex-local";
import { startConvexLocal } from "@repo/convex-local";
import { api } from "@repo/convex/api";
import { render, screen, waitFor } from "@testing-library/react";
import { ConvexHttpClient } from "convex/browser";
import {
  Authenticated,
  ConvexProviderWithAuth,
  ConvexReactClient,
  Unauthenticated,
  useConvexAuth,
  useMutation,
  useQuery,
} from "convex/react";
import * as oidc from "openid-client";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CLIENT_ID = "any-oidc-spa";
const CALLBACK = "http://localhost:5173/callback";

let dataDir: string;
let provider: Auth0Local;
let convex: ConvexLocal;
let config: oidc.Configuration;
const clients: ConvexReactClient[] = [];

beforeAll(async () => {
  // The page is the single-page app at its registered origin: its fetches (discovery, token and refresh requests)
  // carry that Origin, which the provider's CORS allows for this client only.
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
    new URL(CALLBACK).origin,
  );
  dataDir = mkdtempSync(join(tmpdir(), "auth-custom-oidc-"));
  provider = await startAuth0Local({
    port: 0,
    dataDir,
    // A public client (no secret; PKCE), as a single-page app registers.
    clients: [{ clientId: CLIENT_ID, callbackUrls: [CALLBACK], logoutUrls: [CALLBACK] }],
  });
  convex = await startConvexLocal({
    port: 0,
    sitePort: 0,
    dataDir: null,
    env: { AUTH0_DOMAIN: provider.url, AUTH0_CLIENT_ID: CLIENT_ID },
    logs: false,
  });
  // Plain OpenID Connect discovery; http is allowed for the local issuer only.
  config = await oidc.discovery(new URL(provider.url), CLIENT_ID, undefined, oidc.None(), {
    execute: [oidc.allowInsecureRequests],
  });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await convex.stop();
  await provider.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Tokens {
  idToken: string;
  refreshToken: string | undefined;
}

interface Answer {
  status: number;
  location: string | undefined;
}

/** One top-level navigation of the user's browser (node:http: a page's fetch cannot follow them), with its cookies. */
function browse(
  url: string,
  jar: Map<string, string>,
  form?: Record<string, string>,
): Promise<Answer> {
  const body = form === undefined ? undefined : new URLSearchParams(form).toString();
  const headers: Record<string, string> = {
    cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; "),
    ...(body === undefined ? {} : { "content-type": "application/x-www-form-urlencoded" }),
  };
  return new Promise((resolve, reject) => {
    const sent = request(
      url,
      { method: body === undefined ? "GET" : "POST", headers },
      (response) => {
        for (const line of response.headers["set-cookie"] ?? []) {
          const [pair = ""] = line.split(";");
          const eq = pair.indexOf("=");
          jar.set(pair.slice(0, eq), pair.slice(eq + 1));
        }
        response.resume();
        const { location } = response.headers;
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            location: location === undefined ? undefined : new URL(location, url).toString(),
          }),
        );
      },
    );
    sent.on("error", reject);
    sent.end(body);
  });
}

/** The provider's login, as a browser does it: authorization code + PKCE, then the code exchanged. */
async function signIn(email: string): Promise<Tokens> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  let url = oidc
    .buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: "openid profile email offline_access",
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
    })
    .toString();
  const jar = new Map<string, string>();
  let answer = await browse(url, jar);
  // Redirects on the provider, its login page (posted once), until it sends the browser back to the app.
  for (let hop = 0; hop < 10 && url.startsWith(provider.url); hop++) {
    if (answer.status === 200) {
      answer = await browse(url, jar, { username: email, password: "offline-demo-password" });
    }
    if (answer.location === undefined) throw new Error(`stuck at ${url} (${answer.status})`);
    url = answer.location;
    if (url.startsWith(provider.url)) answer = await browse(url, jar);
  }
  const tokens = await oidc.authorizationCodeGrant(config, new URL(url), {
    pkceCodeVerifier: verifier,
    expectedState: state,
  });
  if (tokens.id_token === undefined) throw new Error("no ID token");
  return { idToken: tokens.id_token, refreshToken: tokens.refresh_token };
}

/**
 * The recipe's hook: whether there is a session, and its ID token (refreshed when Convex forces it). The provider
 * rotates refresh tokens (each is good once), so the hook keeps the latest tokens and runs one refresh at a time:
 * Convex may force a refresh again before the last one has answered.
 */
function useAuthFromOidc(session: Tokens | null, onRefresh: (tokens: Tokens) => void) {
  const latest = useRef(session);
  const refreshing = useRef<Promise<string> | null>(null);
  useEffect(() => {
    latest.current = session;
  }, [session]);
  const fetchAccessToken = useCallback(
    async ({ forceRefreshToken }: { forceRefreshToken: boolean }) => {
      const current = latest.current;
      if (current === null) return null;
      if (!forceRefreshToken || current.refreshToken === undefined) return current.idToken;
      const refreshToken = current.refreshToken;
      refreshing.current ??= oidc
        .refreshTokenGrant(config, refreshToken)
        .then((refreshed) => {
          const next = {
            idToken: refreshed.id_token ?? current.idToken,
            refreshToken: refreshed.refresh_token ?? refreshToken,
          };
          latest.current = next;
          onRefresh(next);
          return next.idToken;
        })
        .finally(() => (refreshing.current = null));
      return refreshing.current;
    },
    [onRefresh],
  );
  return useMemo(
    () => ({ isLoading: false, isAuthenticated: session !== null, fetchAccessToken }),
    [session, fetchAccessToken],
  );
}

function Me() {
  const { isAuthenticated } = useConvexAuth();
  const store = useMutation(api.users.store);
  const me = useQuery(api.users.me, isAuthenticated ? {} : "skip");
  useEffect(() => {
    if (isAuthenticated) void store({});
  }, [isAuthenticated, store]);
  return <p>{me?.name ?? "…"}</p>;
}

function App({ session, onRefresh }: { session: Tokens | null; onRefresh: (t: Tokens) => void }) {
  const client = useMemo(() => {
    const created = new ConvexReactClient(convex.url, { unsavedChangesWarning: false });
    clients.push(created);
    return created;
  }, []);
  const useAuth = () => useAuthFromOidc(session, onRefresh);
  return (
    <ConvexProviderWithAuth client={client} useAuth={useAuth}>
      <Authenticated>
        <Me />
      </Authenticated>
      <Unauthenticated>
        <p>Signed out</p>
      </Unauthenticated>
    </ConvexProviderWithAuth>
  );
}

describe("custom OIDC recipe: ConvexProviderWithAuth + useAuth + Convex's OIDC domain provider", () => {
  it("signs the user in to Convex with the provider's ID token", async () => {
    const session = await signIn("alice@example.com");
    const refreshed: Tokens[] = [];
    render(<App session={session} onRefresh={(tokens) => refreshed.push(tokens)} />);
    expect(await screen.findByText("Alice Anders")).toBeTruthy();
    // Convex forced a fresh token once the cached one was accepted: the refresh-token grant answered it.
    await waitFor(() => expect(refreshed.length).toBeGreaterThan(0));
  });

  it("shows the signed-out view without a session", async () => {
    render(<App session={null} onRefresh={() => undefined} />);
    expect(await screen.findByText("Signed out")).toBeTruthy();
  });

  it("Convex checks the token itself: the provider's ID token passes, a tampered one does not", async () => {
    const { idToken } = await signIn("bob@example.com");
    const http = new ConvexHttpClient(convex.url);
    http.setAuth(idToken);
    await expect(http.mutation(api.users.store, {})).resolves.toBeTruthy();
    const tampered = new ConvexHttpClient(convex.url);
    tampered.setAuth(`${idToken.split(".").slice(0, 2).join(".")}.${"A".repeat(86)}`);
    await expect(tampered.mutation(api.users.store, {})).rejects.toThrow();
  });
});
