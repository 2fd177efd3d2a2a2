"use client";
// One ConvexReactClient per deployment URL for the whole app, authenticated with Clerk.
import { useAuth } from "@clerk/react";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import type { ReactNode } from "react";

const clients = new Map<string, ConvexReactClient>();

function clientFor(url: string, expectAuth: boolean): ConvexReactClient {
  let client = clients.get(url);
  if (client === undefined) {
    // expectAuth: queries wait for Clerk's answer instead of running signed out first, so an authenticated
    // page preloaded on the server never flashes signed-out data while the client fetches its token
    // (convex-js #69 / #98). Signed-out visitors still get results as soon as Clerk reports no session.
    client = new ConvexReactClient(url, { expectAuth, unsavedChangesWarning: false });
    clients.set(url, client);
  }
  return client;
}

export function ConvexClientProvider({
  url,
  expectAuth = true,
  children,
}: {
  url: string;
  expectAuth?: boolean;
  children: ReactNode;
}) {
  return (
    <ConvexProviderWithClerk client={clientFor(url, expectAuth)} useAuth={useAuth}>
      {children}
    </ConvexProviderWithClerk>
  );
}
