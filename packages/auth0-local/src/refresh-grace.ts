// The oidc flavor's reuse interval for rotated refresh tokens, as Auth0 ("Reuse Interval") and Okta ("grace period")
// offer: a refresh token presented again within the interval after its first use gets the very answer the first use
// got (the same new tokens), instead of oidc-provider's reuse detection revoking the whole grant. Two app servers
// sharing one browser session (the demo's two apps on one host: cookies ignore ports) may refresh at the same
// moment; without it, both would be signed out. After the interval, reuse is refused and revokes the grant as before.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse } from "node:querystring";

import { readBody } from "@repo/local-server/read-body";

import { HttpError, MAX_FORM_BYTES } from "./http";

export const REUSE_INTERVAL_MS = 30_000;

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  at: number;
}

export function refreshReuseInterval(tokenPath: string, intervalMs = REUSE_INTERVAL_MS) {
  const answers = new Map<string, Answer>();

  /** Handles a refresh-token request itself (replay) or through `provider` (recording a success); else false. */
  return async function handle(
    request: IncomingMessage,
    response: ServerResponse,
    pathname: string,
    provider: (request: IncomingMessage, response: ServerResponse) => unknown,
  ): Promise<boolean> {
    const type = request.headers["content-type"] ?? "";
    if (
      request.method !== "POST" ||
      pathname !== tokenPath ||
      !type.startsWith("application/x-www-form-urlencoded")
    )
      return false;
    const raw = await readBody(request, {
      limit: MAX_FORM_BYTES,
      tooLarge: (limit) =>
        new HttpError(413, "invalid_request", `The body is over ${limit} bytes.`),
    });
    const body = parse(raw.toString("utf8"));
    // oidc-provider reads a body parsed upstream from req.body (its selective_body fallback).
    (request as IncomingMessage & { body?: unknown }).body = body;
    if (body.grant_type !== "refresh_token" || typeof body.refresh_token !== "string") {
      await provider(request, response);
      return true;
    }
    const now = Date.now();
    for (const [key, answer] of answers) if (now - answer.at > intervalMs) answers.delete(key);
    // The same token from the same client (its credentials are part of the key, so no one else replays it).
    const key = createHash("sha256")
      .update(`${request.headers.authorization ?? ""}\n${String(body.client_id ?? "")}\n`)
      .update(`${String(body.client_secret ?? "")}\n${body.refresh_token}`)
      .digest("base64url");
    const replay = answers.get(key);
    if (replay !== undefined) {
      response.writeHead(replay.status, replay.headers);
      response.end(replay.body);
      return true;
    }
    const chunks: Buffer[] = [];
    const end = response.end.bind(response);
    response.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk instanceof Buffer || typeof chunk === "string") chunks.push(Buffer.from(chunk));
      if (response.statusCode === 200) {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.getHeaders()))
          if (typeof value === "string" || typeof value === "number") headers[name] = String(value);
        answers.set(key, { status: 200, headers, body: Buffer.concat(chunks), at: now });
      }
      return (end as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
    }) as ServerResponse["end"];
    await provider(request, response);
    return true;
  };
}
