"use client";

// The app's shared ConvexReactClient, authenticated with Clerk (ConvexProviderWithClerk, as Convex's docs show).
import { useAuth } from "@clerk/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import type { ReactNode } from "react";

import { convexClientFor } from "../convex-client";
import { useResumeSignedOut } from "../resume-signed-out";

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
  useResumeSignedOut(client, expectAuth, isLoaded && isSignedIn === false);
  return (
    <ConvexProviderWithClerk client={client} useAuth={useAuth}>
      {children}
    </ConvexProviderWithClerk>
  );
}
