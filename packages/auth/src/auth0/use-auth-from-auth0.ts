"use client";

// The `useAuth` hook ConvexProviderWithAuth takes, fed by nextjs-auth0's session: useUser() says whether there is
// one, and the app's /auth/convex-token route hands out its ID token (Convex's "Custom Auth" recipe).
import { useUser } from "@auth0/nextjs-auth0";
import { useCallback, useMemo } from "react";

import { fetchConvexToken } from "../convex-token-fetch";

export function useAuthFromAuth0(): {
  isLoading: boolean;
  isAuthenticated: boolean;
  fetchAccessToken: (args: { forceRefreshToken: boolean }) => Promise<string | null>;
} {
  const { user, isLoading } = useUser();
  // forceRefreshToken is not passed on: the route refreshes when the token is due (see convex-token-route.ts).
  const fetchAccessToken = useCallback(
    (_args: { forceRefreshToken: boolean }) => fetchConvexToken(),
    [],
  );
  const isAuthenticated = user !== null && user !== undefined;
  return useMemo(
    () => ({ isLoading, isAuthenticated, fetchAccessToken }),
    [isLoading, isAuthenticated, fetchAccessToken],
  );
}
