// Client-side providers for every page: the auth provider (fed by authPageProps where a page renders auth on the
// server) around one shared ConvexReactClient authenticated through it.
import "@repo/ui/styles.css";

import { AuthProvider } from "@repo/auth/provider";
import { ErrorBoundary } from "@repo/ui/error-boundary";
import { OtherAppLink, SiteHeader } from "@repo/ui/site-header";
import type { AppProps } from "next/app";
import Head from "next/head";
import { useRouter } from "next/router";

import { env } from "../env";

export default function App({ Component, pageProps }: AppProps) {
  const { pathname } = useRouter();
  return (
    <AuthProvider env={env} pageProps={pageProps as object}>
      <Head>
        <title>Convex + Next.js Pages Router</title>
      </Head>
      <SiteHeader router="pages" currentPath={pathname} />
      <div className="inner-note">
        <OtherAppLink router="pages" currentPath={pathname} otherAppUrl={env.otherAppUrl} />
      </div>
      <main>
        <ErrorBoundary>
          <Component {...pageProps} />
        </ErrorBoundary>
      </main>
    </AuthProvider>
  );
}
