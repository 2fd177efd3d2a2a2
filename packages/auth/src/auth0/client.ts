// The app's one Auth0Client (Auth0's Next.js quickstart: `lib/auth0.ts`), shared by the middleware and both
// routers' server code. It reads AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET, AUTH0_SECRET and APP_BASE_URL
// from process.env itself; the app's env.ts has already checked them at start.
import { Auth0Client } from "@auth0/nextjs-auth0/server";

export const auth0 = new Auth0Client({
  // Offline, the local Auth0-compatible server speaks plain http on localhost; the SDK refuses http otherwise.
  allowInsecureRequests: (process.env.AUTH0_DOMAIN ?? "").startsWith("http://"),
  // After sign-in without a returnTo, land on the home page (Clerk's default too).
  signInReturnToPath: "/",
});
