"use client";
// One ConvexReactClient per deployment URL for the whole app, authenticated with Clerk.
import { useAuth } from "@clerk/react";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import type { ReactNode } from "react";
import { useEffect } from "react";

const clients = new Map<string, ConvexReactClient>();

function clientFor(url: string, expectAuth: boolean): ConvexReactClient {
  let client = clients.get(url);
  if (client === undefined) {
    // expectAuth: queries wait for Clerk's answer instead of running signed out first, so an authenticated
    // page preloaded on the server never flashes signed-out data while the client fetches its token
    // (convex-js #69 / #98). Signed-out visitors still get results as soon as Clerk reports no session.
    client = new ConvexReactClient(url, { expectAuth, unsavedChangesWarning: false });
    clients.set(url, client);
  }
  return client;
}

export function ConvexClientProvider({
  url,
  expectAuth = true,
  children,
}: {
  url: string;
  expectAuth?: boolean;
  children: ReactNode;
}) {
  const client = clientFor(url, expectAuth);
  const { isLoaded, isSignedIn } = useAuth();
  useEffect(() => {
    // expectAuth keeps the client paused until a token fetcher is set, and ConvexProviderWithClerk only calls
    // clearAuth() for signed-out visitors, which does not resume it: their queries would load forever. A
    // fetcher answering "no token" resumes it signed out. (This parent effect runs after the provider's.)
    if (expectAuth && isLoaded && isSignedIn === false) client.setAuth(() => Promise.resolve(null));
  }, [client, expectAuth, isLoaded, isSignedIn]);
  return (
    <ConvexProviderWithClerk client={client} useAuth={useAuth}>
      {children}
    </ConvexProviderWithClerk>
  );
}
