// What the /server-auth pages say about where their Convex token comes from, per auth provider and router: the
// page names the provider actually in use (its own server helper), never another one's. No SDK is imported here:
// these are strings, read at render time from the app's env (AUTH_PROVIDER).
import type { AuthProviderName } from "./provider-name";
import type { NextRouterName } from "./router-name";

export interface ServerAuthText {
  /** The Explainer's title: the token's path into Convex. */
  title: string;
  /** Where and how the page's data was fetched. */
  fetched: string;
}

const TEXT: Partial<Record<AuthProviderName, Record<NextRouterName, ServerAuthText>>> = {
  clerk: {
    app: {
      title: "Clerk auth() → Convex token → preloadQuery / fetchQuery",
      fetched: "On the server, as the signed-in user (token from Clerk's auth())",
    },
    pages: {
      title: "Clerk getAuth(req) → Convex token → fetchQuery / preloadQuery in getServerSideProps",
      fetched: "On the server, as the signed-in user (token from Clerk's getAuth(req))",
    },
  },
  auth0: {
    app: {
      title: "Auth0 getSession() → ID token → preloadQuery / fetchQuery",
      fetched: "On the server, as the signed-in user (ID token from Auth0's getSession())",
    },
    pages: {
      title: "Auth0 getSession(req) → ID token → fetchQuery / preloadQuery in getServerSideProps",
      fetched: "On the server, as the signed-in user (ID token from Auth0's getSession(req))",
    },
  },
  oidc: {
    app: {
      title: "OpenID session cookie → ID token → preloadQuery / fetchQuery",
      fetched:
        "On the server, as the signed-in user (ID token from the OpenID session, refreshed if due)",
    },
    pages: {
      title:
        "OpenID session cookie (req) → ID token → fetchQuery / preloadQuery in getServerSideProps",
      fetched: "On the server, as the signed-in user (ID token from the OpenID session of req)",
    },
  },
};

/** A provider without its own text speaks of "the auth provider", which is true of any. */
const GENERIC: Record<NextRouterName, ServerAuthText> = {
  app: {
    title: "The auth provider's session → Convex token → preloadQuery / fetchQuery",
    fetched: "On the server, as the signed-in user (token from the auth provider's session)",
  },
  pages: {
    title:
      "The auth provider's session → Convex token → fetchQuery / preloadQuery in getServerSideProps",
    fetched: "On the server, as the signed-in user (token from the auth provider's session)",
  },
};

export function serverAuthText(provider: AuthProviderName, router: NextRouterName): ServerAuthText {
  return (TEXT[provider] ?? GENERIC)[router];
}
