// Client-side providers for every page: ClerkProvider (fed by buildClerkProps where a page renders auth on the
// server) and one shared ConvexReactClient authenticated through Clerk.
import "@repo/ui/styles.css";

import { ClerkProvider } from "@clerk/nextjs";
import { ConvexClientProvider } from "@repo/ui/convex-client-provider";
import { ErrorBoundary } from "@repo/ui/error-boundary";
import { OtherAppLink, SiteHeader } from "@repo/ui/site-header";
import type { AppProps } from "next/app";
import Head from "next/head";
import { useRouter } from "next/router";

import { env } from "../env";

export default function App({ Component, pageProps }: AppProps) {
  const { pathname } = useRouter();
  return (
    <ClerkProvider {...pageProps} proxyUrl={env.clerkProxyUrl} signInUrl="/sign-in">
      <Head>
        <title>Convex + Next.js Pages Router</title>
      </Head>
      <ConvexClientProvider url={env.convexUrl}>
        <SiteHeader router="pages" currentPath={pathname} />
        <div className="inner-note">
          <OtherAppLink router="pages" currentPath={pathname} otherAppUrl={env.otherAppUrl} />
        </div>
        <main>
          <ErrorBoundary>
            <Component {...pageProps} />
          </ErrorBoundary>
        </main>
      </ConvexClientProvider>
    </ClerkProvider>
  );
}
