"use client";

// The app's shared ConvexReactClient, authenticated with the nextjs-auth0 session through ConvexProviderWithAuth
// (README: why not ConvexProviderWithAuth0 from @auth0/auth0-react).
import { ConvexProviderWithAuth } from "convex/react";
import type { ReactNode } from "react";

import { convexClientFor } from "../convex-client";
import { useResumeSignedOut } from "../resume-signed-out";
import { useAuthFromAuth0 } from "./use-auth-from-auth0";

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
  const { isLoading, isAuthenticated } = useAuthFromAuth0();
  useResumeSignedOut(client, expectAuth, !isLoading && !isAuthenticated);
  return (
    <ConvexProviderWithAuth client={client} useAuth={useAuthFromAuth0}>
      {children}
    </ConvexProviderWithAuth>
  );
}
