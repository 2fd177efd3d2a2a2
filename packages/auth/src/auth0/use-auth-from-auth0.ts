"use client";

// The `useAuth` hook ConvexProviderWithAuth takes, fed by nextjs-auth0's session: useUser() says whether there is
// one, and the app's /auth/convex-token route hands out its ID token (Convex's "Custom Auth" recipe).
import { useUser } from "@auth0/nextjs-auth0";
import { useCallback, useMemo } from "react";

import type { ConvexTokenBody } from "./convex-token-route";

const CONVEX_TOKEN_URL = "/auth/convex-token";

async function fetchConvexToken(): Promise<string | null> {
  const response = await fetch(CONVEX_TOKEN_URL, { credentials: "same-origin", cache: "no-store" });
  // 401: no session (or it could not be refreshed); Convex then treats the client as signed out.
  if (!response.ok) return null;
  const body = (await response.json()) as ConvexTokenBody;
  return typeof body.token === "string" ? body.token : null;
}

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
