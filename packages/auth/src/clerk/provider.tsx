// Everything client-side auth needs, for both routers' root (App Router layout, Pages Router _app): Clerk's
// provider (in the Pages Router fed the server's auth state through pageProps) around the Convex client provider.
import { ClerkProvider } from "@repo/auth/clerk/nextjs-provider";
import type { ReactNode } from "react";

import type { AppEnv } from "../env";
import { ConvexClientProvider } from "./convex-client-provider";

export function AuthProvider({
  env,
  pageProps,
  children,
}: {
  env: Pick<AppEnv, "convexUrl" | "clerkProxyUrl">;
  /** Pages Router only: the page's props, carrying what `authPageProps(req)` added on the server. */
  pageProps?: object;
  children: ReactNode;
}) {
  return (
    <ClerkProvider {...pageProps} proxyUrl={env.clerkProxyUrl} signInUrl="/sign-in">
      <ConvexClientProvider url={env.convexUrl}>{children}</ConvexClientProvider>
    </ClerkProvider>
  );
}
