"use client";
// The app's shared ConvexReactClient, authenticated with Clerk (ConvexProviderWithClerk, as Convex's docs show).
import { useAuth } from "@clerk/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import type { ReactNode } from "react";
import { useEffect } from "react";

import { convexClientFor } from "../convex-client";

export function ConvexClientProvider({
  url,
  expectAuth = true,
  children,
}: {
  url: string;
  expectAuth?: boolean;
  children: ReactNode;
}) {
  const client = convexClientFor(url, expectAuth);
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
