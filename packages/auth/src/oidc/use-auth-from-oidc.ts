"use client";

// The `useAuth` hook ConvexProviderWithAuth takes (Convex's "Custom Auth" recipe): the session says whether there is
// a user, and the app's /auth/convex-token route hands out the ID token, refreshing it on the server when due.
import { useCallback, useMemo } from "react";

import { fetchConvexToken } from "../convex-token-fetch";
import { useOidcUser } from "./session-context";

export function useAuthFromOidc(): {
  isLoading: boolean;
  isAuthenticated: boolean;
  fetchAccessToken: (args: { forceRefreshToken: boolean }) => Promise<string | null>;
} {
  const { user, isLoading } = useOidcUser();
  // forceRefreshToken is not passed on: Convex forces one on every page load, and a refresh rotates the refresh
  // token; the route refreshes when the ID token is due (./refresh.ts).
  const fetchAccessToken = useCallback(
    (_args: { forceRefreshToken: boolean }) => fetchConvexToken(),
    [],
  );
  const isAuthenticated = user !== null;
  return useMemo(
    () => ({ isLoading, isAuthenticated, fetchAccessToken }),
    [isLoading, isAuthenticated, fetchAccessToken],
  );
}
