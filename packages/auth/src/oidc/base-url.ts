// The app's own origin for the redirect URIs: one of APP_BASE_URL's when set (the request's if it is one of them,
// else the first), otherwise the request's. Set APP_BASE_URL behind a proxy that changes the Host.
import type { NextRequest } from "next/server";

import { oidcSettings } from "./settings";

export function appBaseUrl(request: NextRequest): string {
  const { appBaseUrls } = oidcSettings();
  const own = request.nextUrl.origin;
  return appBaseUrls.includes(own) ? own : (appBaseUrls[0] ?? own);
}

/** Cookies are `Secure` when the app is served over https. */
export const isHttps = (request: NextRequest) => appBaseUrl(request).startsWith("https:");

/** A same-origin path to return to after sign-in; anything else (absolute, protocol-relative) is "/". */
export function safeReturnTo(value: string | null): string {
  return value !== null && value.startsWith("/") && !value.startsWith("//") && !value.includes("\\")
    ? value
    : "/";
}
