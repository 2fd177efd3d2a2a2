// One ConvexReactClient per deployment URL for the app's lifetime, whichever auth provider feeds it tokens.
import { ConvexReactClient } from "convex/react";

const clients = new Map<string, ConvexReactClient>();

export function convexClientFor(url: string, expectAuth: boolean): ConvexReactClient {
  let client = clients.get(url);
  if (client === undefined) {
    // expectAuth: queries wait for the provider's answer instead of running signed out first, so an authenticated
    // page preloaded on the server never flashes signed-out data while the client fetches its token
    // (convex-js #69 / #98). Signed-out visitors still get results as soon as the provider reports no session.
    client = new ConvexReactClient(url, { expectAuth, unsavedChangesWarning: false });
    clients.set(url, client);
  }
  return client;
}
