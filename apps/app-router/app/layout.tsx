import "@repo/ui/styles.css";

import { ClerkProvider } from "@clerk/nextjs";
import { ConvexClientProvider } from "@repo/ui/convex-client-provider";
import type { Metadata } from "next";
import type { ReactNode } from "react";

import { env } from "../env";
import { Header } from "./header";

export const metadata: Metadata = {
  title: "Convex + Next.js App Router",
  description: "Convex queries, mutations and auth in the Next.js App Router.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <ClerkProvider proxyUrl={env.clerkProxyUrl} signInUrl="/sign-in">
      <html lang="en">
        <body>
          <ConvexClientProvider url={env.convexUrl}>
            <Header otherAppUrl={env.otherAppUrl} />
            <main>{children}</main>
          </ConvexClientProvider>
        </body>
      </html>
    </ClerkProvider>
  );
}
