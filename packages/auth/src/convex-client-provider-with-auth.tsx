"use client";

// The app's shared ConvexReactClient behind ConvexProviderWithAuth, fed by a provider's `useAuth` hook (Convex's
// "Custom Auth" recipe): what the Auth0 and OIDC providers render.
import { ConvexProviderWithAuth } from "convex/react";
import type { ReactNode } from "react";

import { convexClientFor } from "./convex-client";
import { useResumeSignedOut } from "./resume-signed-out";

export type ConvexAuthHook = () => {
  isLoading: boolean;
  isAuthenticated: boolean;
  fetchAccessToken: (args: { forceRefreshToken: boolean }) => Promise<string | null>;
};

export function ConvexClientProviderWithAuth({
  url,
  expectAuth = true,
  useAuth,
  children,
}: {
  url: string;
  expectAuth?: boolean;
  useAuth: ConvexAuthHook;
  children: ReactNode;
}) {
  const client = convexClientFor(url, expectAuth);
  const { isLoading, isAuthenticated } = useAuth();
  useResumeSignedOut(client, expectAuth, !isLoading && !isAuthenticated);
  return (
    <ConvexProviderWithAuth client={client} useAuth={useAuth}>
      {children}
    </ConvexProviderWithAuth>
  );
}
