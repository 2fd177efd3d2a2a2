// A signed-in session for the authenticated page: signed in once through the app's real <SignIn/> UI, then kept
// fresh through the local Clerk server's Backend API (session tokens live 60 s; an expired one would make the
// middleware answer with a handshake redirect instead of the page).
import { SEEDED_USERS } from "@repo/local-server/seeded-users";
import type { BrowserContext, Cookie } from "playwright-core";

import type { AppSpec } from "./config";
import { LIMITS } from "./config";

export interface ClerkBackend {
  apiUrl: string;
  secretKey: string;
}

export interface Session {
  sessionId: string;
  userName: string;
  /** The browser's cookies after sign-in. */
  cookies: Cookie[];
}

const isSessionCookie = (name: string) => name === "__session" || name.startsWith("__session_");

export function clerkBackend(stackEnv: Record<string, string>): ClerkBackend {
  const apiUrl = stackEnv.CLERK_API_URL;
  const secretKey = stackEnv.CLERK_SECRET_KEY;
  if (apiUrl === undefined || secretKey === undefined) {
    throw new Error("The local stack's env has no CLERK_API_URL / CLERK_SECRET_KEY.");
  }
  return { apiUrl, secretKey };
}

function jwtClaims(jwt: string): Record<string, unknown> {
  const payload = jwt.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
}

/** Signs the first seeded user in through `app`'s /sign-in page and returns the session. */
export async function signIn(context: BrowserContext, app: AppSpec): Promise<Session> {
  const user = SEEDED_USERS[0];
  const page = await context.newPage();
  page.setDefaultTimeout(LIMITS.browserStepMs);
  try {
    await page.goto(`${app.url}/sign-in`);
    await page.locator("input[name=identifier]").fill(user.email);
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page.locator("input[name=password]").fill(user.password);
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
    // The session cookie is written by clerk-js once the sign-in completes.
    await page.waitForFunction(() => document.cookie.includes("__session"));
  } finally {
    await page.close();
  }
  const cookies = await context.cookies(app.url);
  const token = cookies.find((cookie) => isSessionCookie(cookie.name))?.value;
  if (token === undefined) throw new Error("Signed in, but the browser has no __session cookie.");
  const sessionId = jwtClaims(token).sid;
  if (typeof sessionId !== "string") throw new Error("The session token has no sid claim.");
  return { sessionId, userName: user.firstName, cookies };
}

async function mint(clerk: ClerkBackend, session: Session, template?: string): Promise<string> {
  const path = `/v1/sessions/${session.sessionId}/tokens${template === undefined ? "" : `/${template}`}`;
  const response = await fetch(`${clerk.apiUrl}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${clerk.secretKey}` },
    signal: AbortSignal.timeout(LIMITS.requestMs),
  });
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}.`);
  const body = (await response.json()) as { jwt?: unknown };
  if (typeof body.jwt !== "string") throw new Error(`POST ${path} returned no jwt.`);
  return body.jwt;
}

/** A fresh session token (valid 60 s), for the `__session` cookie. */
export const freshSessionToken = (clerk: ClerkBackend, session: Session) => mint(clerk, session);

/** A token for Convex (the "convex" JWT template), to seed the user's private tasks. */
export const convexToken = (clerk: ClerkBackend, session: Session) =>
  mint(clerk, session, "convex");

/** The session's cookies with every session-token cookie replaced by `token`. */
export function cookiesWithToken(session: Session, token: string): Cookie[] {
  return session.cookies.map((cookie) =>
    isSessionCookie(cookie.name) ? { ...cookie, value: token } : cookie,
  );
}

export function cookieHeader(cookies: Cookie[]): string {
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}
