// Each provider folder has the same modules with the same exports: the apps import `@repo/auth/<entry>` and get
// any provider's module at build time (src/next-config.ts), so Auth0's and OIDC's must fit wherever the app uses
// Clerk's.
// Type assertions only: `pnpm typecheck` (tsc over test/) fails on a mismatch; `vitest run` does not run this file.
import type { GetServerSidePropsContext, NextApiRequest } from "next";
import { expectTypeOf } from "vitest";

import type * as auth0AppServer from "../src/auth0/app-server";
import type * as auth0Controls from "../src/auth0/controls";
import type * as auth0Middleware from "../src/auth0/middleware";
import type * as auth0PagesServer from "../src/auth0/pages-server";
import type * as auth0Provider from "../src/auth0/provider";
import type * as auth0SignInPage from "../src/auth0/sign-in-page";
import type * as clerkAppServer from "../src/clerk/app-server";
import type * as clerkControls from "../src/clerk/controls";
import type * as clerkMiddleware from "../src/clerk/middleware";
import type * as clerkPagesServer from "../src/clerk/pages-server";
import type * as clerkProvider from "../src/clerk/provider";
import type * as clerkSignInPage from "../src/clerk/sign-in-page";
import type * as oidcAppServer from "../src/oidc/app-server";
import type * as oidcControls from "../src/oidc/controls";
import type * as oidcMiddleware from "../src/oidc/middleware";
import type * as oidcPagesServer from "../src/oidc/pages-server";
import type * as oidcProvider from "../src/oidc/provider";
import type * as oidcSignInPage from "../src/oidc/sign-in-page";

expectTypeOf<keyof typeof auth0Provider>().toEqualTypeOf<keyof typeof clerkProvider>();
expectTypeOf<typeof auth0Provider.AuthProvider>().toExtend<typeof clerkProvider.AuthProvider>();

expectTypeOf<keyof typeof auth0Middleware>().toEqualTypeOf<keyof typeof clerkMiddleware>();
expectTypeOf<typeof auth0Middleware.authMiddleware>().toExtend<
  typeof clerkMiddleware.authMiddleware
>();

expectTypeOf<keyof typeof auth0AppServer>().toEqualTypeOf<keyof typeof clerkAppServer>();
expectTypeOf<typeof auth0AppServer.getConvexToken>().toEqualTypeOf<
  typeof clerkAppServer.getConvexToken
>();

expectTypeOf<keyof typeof auth0Controls>().toEqualTypeOf<keyof typeof clerkControls>();
expectTypeOf<typeof auth0Controls.SignInButton>().toExtend<typeof clerkControls.SignInButton>();
expectTypeOf<typeof auth0Controls.UserButton>().toExtend<typeof clerkControls.UserButton>();

expectTypeOf<keyof typeof auth0SignInPage>().toEqualTypeOf<keyof typeof clerkSignInPage>();
expectTypeOf<typeof auth0SignInPage.SignInPage>().toExtend<typeof clerkSignInPage.SignInPage>();

expectTypeOf<keyof typeof oidcProvider>().toEqualTypeOf<keyof typeof clerkProvider>();
expectTypeOf<typeof oidcProvider.AuthProvider>().toExtend<typeof clerkProvider.AuthProvider>();
expectTypeOf<keyof typeof oidcMiddleware>().toEqualTypeOf<keyof typeof clerkMiddleware>();
expectTypeOf<typeof oidcMiddleware.authMiddleware>().toExtend<
  typeof clerkMiddleware.authMiddleware
>();
expectTypeOf<keyof typeof oidcAppServer>().toEqualTypeOf<keyof typeof clerkAppServer>();
expectTypeOf<typeof oidcAppServer.getConvexToken>().toEqualTypeOf<
  typeof clerkAppServer.getConvexToken
>();
expectTypeOf<keyof typeof oidcControls>().toEqualTypeOf<keyof typeof clerkControls>();
expectTypeOf<typeof oidcControls.SignInButton>().toExtend<typeof clerkControls.SignInButton>();
expectTypeOf<typeof oidcControls.UserButton>().toExtend<typeof clerkControls.UserButton>();
expectTypeOf<keyof typeof oidcSignInPage>().toEqualTypeOf<keyof typeof clerkSignInPage>();
expectTypeOf<typeof oidcSignInPage.SignInPage>().toExtend<typeof clerkSignInPage.SignInPage>();

// The request types differ per SDK; both take the requests the Pages Router hands the app, and answer alike.
expectTypeOf<keyof typeof auth0PagesServer>().toEqualTypeOf<keyof typeof clerkPagesServer>();
type PagesRequest = GetServerSidePropsContext["req"] | NextApiRequest;
expectTypeOf<keyof typeof oidcPagesServer>().toEqualTypeOf<keyof typeof clerkPagesServer>();
for (const server of [
  {} as typeof auth0PagesServer,
  {} as typeof clerkPagesServer,
  {} as typeof oidcPagesServer,
]) {
  expectTypeOf<PagesRequest>().toExtend<Parameters<typeof server.getConvexToken>[0]>();
  expectTypeOf<PagesRequest>().toExtend<Parameters<typeof server.authPageProps>[0]>();
  expectTypeOf(server.getConvexToken).returns.toEqualTypeOf<Promise<string | undefined>>();
  expectTypeOf(server.authPageProps).returns.toEqualTypeOf<Promise<Record<string, unknown>>>();
}
