// Everything client-side auth needs, for both routers' root (App Router layout, Pages Router _app): who is signed in
// (in the Pages Router seeded with the server's answer through pageProps) around the Convex client provider.
import type { ReactNode } from "react";

import type { AppEnv } from "../env";
import { ConvexClientProvider } from "./convex-client-provider";
import type { OidcUser } from "./session";
import { OidcSessionProvider } from "./session-context";

export function AuthProvider({
  env,
  pageProps,
  children,
}: {
  env: Pick<AppEnv, "convexUrl">;
  /** Pages Router only: the page's props, carrying what `authPageProps(req)` added on the server. */
  pageProps?: object;
  children: ReactNode;
}) {
  const initialUser = (pageProps as { oidcUser?: OidcUser | null } | undefined)?.oidcUser;
  return (
    <OidcSessionProvider initialUser={initialUser}>
      <ConvexClientProvider url={env.convexUrl}>{children}</ConvexClientProvider>
    </OidcSessionProvider>
  );
}
