// Everything client-side auth needs, for both routers' root (App Router layout, Pages Router _app): nextjs-auth0's
// Auth0Provider (in the Pages Router seeded with the server's user through pageProps) around the Convex client
// provider.
import { Auth0Provider } from "@auth0/nextjs-auth0";
import type { User } from "@auth0/nextjs-auth0/types";
import type { ReactNode } from "react";

import type { AppEnv } from "../env";
import { ConvexClientProvider } from "./convex-client-provider";

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
  const user = (pageProps as { auth0User?: User | null } | undefined)?.auth0User ?? undefined;
  return (
    <Auth0Provider user={user}>
      <ConvexClientProvider url={env.convexUrl}>{children}</ConvexClientProvider>
    </Auth0Provider>
  );
}
