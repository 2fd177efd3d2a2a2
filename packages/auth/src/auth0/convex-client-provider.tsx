"use client";

// The app's shared ConvexReactClient, authenticated with the nextjs-auth0 session through ConvexProviderWithAuth
// (README: why not ConvexProviderWithAuth0 from @auth0/auth0-react).
import type { ReactNode } from "react";

import { ConvexClientProviderWithAuth } from "../convex-client-provider-with-auth";
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
  return (
    <ConvexClientProviderWithAuth url={url} expectAuth={expectAuth} useAuth={useAuthFromAuth0}>
      {children}
    </ConvexClientProviderWithAuth>
  );
}
