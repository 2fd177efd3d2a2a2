"use client";

// Auth UI. The auth provider's buttons for signing in/out, and Convex's <Authenticated>/<Unauthenticated>/<AuthLoading>,
// which follow whether *Convex* accepted the token (not just whether the provider has a session).
import { SignInButton, UserButton } from "@repo/auth/controls";
import { api } from "@repo/convex/api";
import {
  Authenticated,
  AuthLoading,
  Unauthenticated,
  useConvexAuth,
  useMutation,
} from "convex/react";
import type { ReactNode } from "react";
import { useEffect } from "react";

/** Records the signed-in user in Convex's `users` table on first sign-in (idempotent). */
export function useStoreUser(): void {
  const { isAuthenticated } = useConvexAuth();
  const store = useMutation(api.users.store);
  useEffect(() => {
    if (isAuthenticated)
      store({}).catch((error: unknown) => console.error("users.store failed", error));
  }, [isAuthenticated, store]);
}

/**
 * `serverSignedIn`: what the server read from the request's session (App Router, see the app's header), shown while
 * Convex is still checking the token, so a signed-in first load shows the account control, not a loading state.
 * Once Convex has decided, its answer is shown. Unset (no server state, as in the Pages Router): a loading state.
 */
export function AuthControls({ serverSignedIn }: { serverSignedIn?: boolean } = {}) {
  useStoreUser();
  return (
    <div className="auth-controls">
      <AuthLoading>
        {serverSignedIn === undefined ? (
          <span className="muted" role="status">
            Checking sign-in…
          </span>
        ) : serverSignedIn ? (
          <UserButton />
        ) : (
          <SignInButton label="Sign in" />
        )}
      </AuthLoading>
      <Unauthenticated>
        <SignInButton label="Sign in" />
      </Unauthenticated>
      <Authenticated>
        <UserButton />
      </Authenticated>
    </div>
  );
}

/** Shows `children` only to signed-in users, with custom loading and signed-out views. */
export function AuthGate({ children, signedOut }: { children: ReactNode; signedOut?: ReactNode }) {
  return (
    <>
      <AuthLoading>
        <div className="card skeleton" role="status" aria-label="Checking sign-in">
          Checking sign-in…
        </div>
      </AuthLoading>
      <Unauthenticated>
        {signedOut ?? (
          <div className="card">
            <p>This section is for signed-in users.</p>
            <SignInButton label="Sign in to continue" />
          </div>
        )}
      </Unauthenticated>
      <Authenticated>{children}</Authenticated>
    </>
  );
}
