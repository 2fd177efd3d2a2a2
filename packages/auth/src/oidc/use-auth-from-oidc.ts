"use client";

// The `useAuth` hook ConvexProviderWithAuth takes (Convex's "Custom Auth" recipe): the session says whether there is
// a user, and the app's /auth/convex-token route hands out the ID token, refreshing it on the server when due.
import { useCallback, useMemo, useRef } from "react";

import { fetchConvexToken } from "../convex-token-fetch";
import { msUntilDue } from "./expiry";
import { useOidcUser } from "./session-context";

/** If the server still hands out the same token once it should be due (clocks differ), ask again this often. */
const RETRY_MS = 5_000;
const RETRIES = 6;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Convex asks for a fresh token (forceRefreshToken) right after it accepted the cached one on every page load, and
 * schedules its next refetch only when the answer is a new token. Refreshing then would rotate the refresh token on
 * every page load; answering with the same token would leave Convex with no refetch scheduled, so the token would
 * expire under a live page. So a forced fetch for the token this hook last handed out waits until that token is due
 * (a minute before expiry), when the route refreshes it: Convex then gets a new token and schedules the next round.
 */
async function freshToken(last: string): Promise<string | null> {
  await sleep(msUntilDue(last));
  let token = await fetchConvexToken();
  for (let retry = 0; token === last && retry < RETRIES; retry++) {
    await sleep(RETRY_MS);
    token = await fetchConvexToken();
  }
  return token;
}

export function useAuthFromOidc(): {
  isLoading: boolean;
  isAuthenticated: boolean;
  fetchAccessToken: (args: { forceRefreshToken: boolean }) => Promise<string | null>;
} {
  const { user, isLoading } = useOidcUser();
  const handedOut = useRef<string | null>(null);
  const fetchAccessToken = useCallback(
    async ({ forceRefreshToken }: { forceRefreshToken: boolean }) => {
      const last = handedOut.current;
      const token =
        forceRefreshToken && last !== null ? await freshToken(last) : await fetchConvexToken();
      handedOut.current = token;
      return token;
    },
    [],
  );
  const isAuthenticated = user !== null;
  return useMemo(
    () => ({ isLoading, isAuthenticated, fetchAccessToken }),
    [isLoading, isAuthenticated, fetchAccessToken],
  );
}
