// The /auth/* routes' answers that are not redirects: JSON for the browser's fetches, plain text for a page the
// user landed on (never HTML built from what the provider or the query sent).
import { NextResponse } from "next/server";

const NO_STORE = { "Cache-Control": "no-store" };

export function json(body: object, status = 200): NextResponse {
  return NextResponse.json(body, { status, headers: NO_STORE });
}

export function text(status: number, message: string): NextResponse {
  return new NextResponse(`${message}\n`, {
    status,
    headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8" },
  });
}

export function methodNotAllowed(): NextResponse {
  return NextResponse.json(
    { error: "method_not_allowed" },
    { status: 405, headers: { ...NO_STORE, Allow: "GET" } },
  );
}

export function providerUnreachable(): NextResponse {
  return text(502, "The sign-in provider could not be reached. Try again in a moment.");
}
