import "@repo/ui/styles.css";

import { AuthProvider } from "@repo/auth/provider";
import type { Metadata } from "next";
import type { ReactNode } from "react";

import { env } from "../env";
import { Header } from "./header";
import { HeaderAuth } from "./header-auth";

export const metadata: Metadata = {
  title: "Convex + Next.js App Router",
  description: "Convex queries, mutations and auth in the Next.js App Router.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <AuthProvider env={env}>
      <html lang="en">
        <body>
          <Header otherAppUrl={env.otherAppUrl} auth={<HeaderAuth />} />
          <main>{children}</main>
        </body>
      </html>
    </AuthProvider>
  );
}
