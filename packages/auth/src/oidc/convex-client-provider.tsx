"use client";

// The app's shared ConvexReactClient, authenticated with the OIDC session (a client module: the hook is bound here,
// since a Server Component cannot pass a function to one).
import type { ReactNode } from "react";

import { ConvexClientProviderWithAuth } from "../convex-client-provider-with-auth";
import { useAuthFromOidc } from "./use-auth-from-oidc";

export function ConvexClientProvider({ url, children }: { url: string; children: ReactNode }) {
  return (
    <ConvexClientProviderWithAuth url={url} useAuth={useAuthFromOidc}>
      {children}
    </ConvexClientProviderWithAuth>
  );
}
