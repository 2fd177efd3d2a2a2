"use client";

// Who is signed in, in the browser: seeded by the server where it rendered auth (the Pages Router's authPageProps),
// otherwise asked of the app's /auth/profile once per page load. Tokens stay on the server.
import type { ReactNode } from "react";
import { createContext, useContext, useEffect, useState } from "react";

import type { OidcUser } from "./session";

/** undefined: still asking; null: signed out. */
type UserState = OidcUser | null | undefined;

const UserContext = createContext<UserState>(undefined);

async function fetchUser(): Promise<OidcUser | null> {
  const response = await fetch("/auth/profile", { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) return null;
  const body = (await response.json()) as { user?: OidcUser | null };
  return body.user ?? null;
}

export function OidcSessionProvider({
  initialUser,
  children,
}: {
  initialUser: UserState;
  children: ReactNode;
}) {
  const [user, setUser] = useState<UserState>(initialUser);
  useEffect(() => {
    if (initialUser !== undefined) return;
    let current = true;
    void fetchUser()
      .catch(() => null)
      .then((fetched) => {
        if (current) setUser(fetched);
      });
    return () => {
      current = false;
    };
  }, [initialUser]);
  return <UserContext.Provider value={user}>{children}</UserContext.Provider>;
}

export function useOidcUser(): { user: OidcUser | null; isLoading: boolean } {
  const user = useContext(UserContext);
  return { user: user ?? null, isLoading: user === undefined };
}
