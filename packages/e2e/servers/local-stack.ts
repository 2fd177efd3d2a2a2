// The local Convex backend + auth server (Clerk's, Auth0's with AUTH_PROVIDER=auth0, the plain OpenID one with oidc) on the e2e ports, on a
// freshly wiped data folder.
import { startFreshStack } from "@repo/offline-stack/fresh-stack";

import { env, OIDC_REFRESH_USER } from "../env";

export interface LocalStack {
  /** What an app needs to use these servers (Convex URL, the auth provider's keys). */
  appEnv: Record<string, string>;
  stop: () => Promise<void>;
}

export async function startLocalStack(): Promise<LocalStack> {
  const stack = await startFreshStack({
    dataDir: env.dataDir,
    convexPort: env.ports.convex,
    convexSitePort: env.ports.convexSite,
    clerkPort: env.ports.clerk,
    auth0Port: env.ports.auth0,
    oidcPort: env.ports.oidc,
    oidcExtraUsers: [{ ...OIDC_REFRESH_USER }],
    authProvider: env.authProvider,
    clerkConvexIntegration: env.clerkConvexIntegration,
    appUrls: [env.appRouterUrl, env.pagesRouterUrl],
  });
  return { appEnv: stack.env, stop: () => stack.stop() };
}
