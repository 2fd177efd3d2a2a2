// Clerk's user webhooks (user.created / user.updated / user.deleted), delivered by Svix, keep the `users` rows in
// step with Clerk, as Convex's Clerk guide describes. Every delivery is verified with the `svix` library against the
// endpoint's signing secret (deployment env CLERK_WEBHOOK_SIGNING_SECRET) before anything is read from it: a bad,
// expired (over 5 minutes) or replayed signature gets 400 and changes nothing.
import type { Infer } from "convex/values";
import { Webhook, WebhookVerificationError } from "svix";

import { internal } from "./_generated/api";
import { httpAction } from "./_generated/server";
import type { clerkUserChange } from "./clerkUsers";
import { clerkIssuer, clerkWebhookSecret } from "./env";

type ClerkUserChange = Infer<typeof clerkUserChange>;

/** Clerk's user payloads are a few KiB; anything far larger is not one. */
const MAX_BODY_BYTES = 64 * 1024;

const reply = (status: number, body: Record<string, unknown>) => Response.json(body, { status });
const refuse = (error: string) => reply(400, { error });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const optionalString = (value: unknown) =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;

/** The user a `user.created` / `user.updated` payload describes (Clerk's User object), or why it is not one. */
function upsertFrom(data: Record<string, unknown>, issuer: string): ClerkUserChange | string {
  const id = optionalString(data.id);
  if (id === undefined) return "data.id must be the Clerk user id";
  const addresses = Array.isArray(data.email_addresses) ? data.email_addresses : [];
  const primary = addresses.find(
    (address): address is Record<string, unknown> =>
      isRecord(address) && address.id === data.primary_email_address_id,
  );
  const email = optionalString(primary?.email_address);
  const fullName = [optionalString(data.first_name), optionalString(data.last_name)]
    .filter((part) => part !== undefined)
    .join(" ");
  const updatedAt = typeof data.updated_at === "number" ? data.updated_at : undefined;
  return {
    kind: "upsert",
    tokenIdentifier: `${issuer}|${id}`,
    // As users.store names a row whose token carries no name.
    name: (optionalString(fullName) ?? optionalString(data.username) ?? email ?? "Anonymous").slice(
      0,
      256,
    ),
    ...(email === undefined ? {} : { email }),
    ...(optionalString(data.image_url) === undefined
      ? {}
      : { pictureUrl: optionalString(data.image_url) }),
    ...(updatedAt === undefined ? {} : { clerkUpdatedAt: updatedAt }),
  };
}

/** The change a verified event asks for; `null` for event types this endpoint does not handle; a string: why bad. */
export function changeFromEvent(event: unknown, issuer: string): ClerkUserChange | null | string {
  if (!isRecord(event) || typeof event.type !== "string" || !isRecord(event.data)) {
    return 'the body must be a Clerk event: { type, data, object: "event" }';
  }
  switch (event.type) {
    case "user.created":
    case "user.updated":
      return upsertFrom(event.data, issuer);
    case "user.deleted": {
      const id = optionalString(event.data.id);
      if (id === undefined) return "data.id must be the Clerk user id";
      return { kind: "delete", tokenIdentifier: `${issuer}|${id}` };
    }
    default:
      return null;
  }
}

export const clerkUsersWebhook = httpAction(async (ctx, request) => {
  const secret = clerkWebhookSecret();
  const issuer = clerkIssuer();
  if (secret === undefined || issuer === undefined) {
    // Not the sender's fault: Svix retries it later, when the deployment may be configured.
    return reply(503, {
      error:
        "Clerk webhooks are not configured: set CLERK_WEBHOOK_SIGNING_SECRET (and CLERK_JWT_ISSUER_DOMAIN) with `npx convex env set`.",
    });
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return reply(413, { error: "The body is too large." });
  const body = await request.text();
  if (new TextEncoder().encode(body).length > MAX_BODY_BYTES) {
    return reply(413, { error: "The body is too large." });
  }
  const headers = {
    "svix-id": request.headers.get("svix-id") ?? "",
    "svix-timestamp": request.headers.get("svix-timestamp") ?? "",
    "svix-signature": request.headers.get("svix-signature") ?? "",
  };
  try {
    new Webhook(secret).verify(body, headers);
  } catch (error) {
    if (error instanceof WebhookVerificationError)
      return refuse(`Invalid webhook: ${error.message}`);
    // A secret that is not a Svix one (`whsec_` + base64) makes the library throw something else.
    return reply(503, {
      error: "CLERK_WEBHOOK_SIGNING_SECRET is not a valid Svix signing secret.",
    });
  }
  let event: unknown;
  try {
    event = JSON.parse(body);
  } catch {
    return refuse("The body is not JSON.");
  }
  const change = changeFromEvent(event, issuer);
  if (typeof change === "string") return refuse(change);
  if (change === null) return reply(200, { ignored: true });
  const outcome = await ctx.runMutation(internal.clerkUsers.applyDelivery, {
    svixId: headers["svix-id"],
    svixTimestamp: Number(headers["svix-timestamp"]),
    change,
  });
  if (outcome === "replayed") return refuse("This delivery was already received (a replay).");
  return reply(200, { outcome });
});
