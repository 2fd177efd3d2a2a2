// Drives Convex's real auth state machine (ConvexProviderWithAuth) with an auth provider the test controls, in
// place of Clerk: `token` is what fetchAccessToken returns, so a signed token from the test issuer is accepted.
import type { ConvexReactClient } from "convex/react";
import { ConvexProviderWithAuth } from "convex/react";
import type { ReactNode } from "react";
import { createContext, useCallback, useContext, useMemo } from "react";

export interface TestAuth {
  isLoading: boolean;
  isAuthenticated: boolean;
  token: string | null;
}

export const LOADING: TestAuth = { isLoading: true, isAuthenticated: false, token: null };
export const SIGNED_OUT: TestAuth = { isLoading: false, isAuthenticated: false, token: null };
export const signedIn = (token: string): TestAuth => ({
  isLoading: false,
  isAuthenticated: true,
  token,
});

const AuthContext = createContext<TestAuth>(LOADING);

function useTestAuth() {
  const { isLoading, isAuthenticated, token } = useContext(AuthContext);
  const fetchAccessToken = useCallback(() => Promise.resolve(token), [token]);
  return useMemo(
    () => ({ isLoading, isAuthenticated, fetchAccessToken }),
    [isLoading, isAuthenticated, fetchAccessToken],
  );
}

export function WithTestAuth({
  auth,
  client,
  children,
}: {
  auth: TestAuth;
  client: ConvexReactClient;
  children: ReactNode;
}) {
  return (
    <AuthContext.Provider value={auth}>
      <ConvexProviderWithAuth client={client} useAuth={useTestAuth}>
        {children}
      </ConvexProviderWithAuth>
    </AuthContext.Provider>
  );
}
