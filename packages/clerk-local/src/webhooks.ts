// Clerk's webhooks, as Clerk sends them through Svix: `user.created`, `user.updated` and `user.deleted` events,
// each POSTed to the configured endpoint with Svix's headers (`svix-id`, `svix-timestamp`, `svix-signature`), signed
// with the `svix` library, and retried on Svix's schedule until the endpoint answers 2xx (or the schedule runs out).
// Deliveries wait in memory only: a stop drops what is still pending, as it says.
import { randomBytes } from "node:crypto";
import { join } from "node:path";

import { loadOrCreateKeyFile } from "@repo/local-server/key-file";
import { Webhook } from "svix";

import { userJson } from "./resources";
import type { User, UserEventType } from "./store";

export interface WebhookEndpoint {
  /** Where the events go (Clerk dashboard: Webhooks > Add endpoint). */
  url: string;
  /** The endpoint's Svix signing secret, `whsec_<base64>`. */
  secret: string;
}

/**
 * Svix's retry schedule (docs.svix.com/retries): after the first attempt fails, again after 5 seconds, 5 minutes,
 * 30 minutes, 2 hours, 5 hours, 10 hours and 10 hours; then the message counts as failed.
 */
export const SVIX_RETRY_DELAYS_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3600_000,
  5 * 3600_000,
  10 * 3600_000,
  10 * 3600_000,
] as const;
/** Svix waits 15 s for an answer; a slower endpoint counts as failed and is retried. */
const ATTEMPT_TIMEOUT_MS = 15_000;
/** Messages waiting at most; past it the oldest is dropped (with a warning), so a dead endpoint holds no more. */
const MAX_PENDING = 1_000;

/** The signing secret for this instance's endpoint: generated on first start, kept in the data dir (0600). */
export function loadOrCreateWebhookSecret(dataDir: string): string {
  const stored = loadOrCreateKeyFile(join(dataDir, "webhook-secret.json"), {
    owner: "clerk-local",
    create: () => ({ secret: `whsec_${randomBytes(24).toString("base64")}` }),
    isValid: (value: unknown): value is { secret: string } =>
      typeof (value as { secret?: unknown } | null)?.secret === "string" &&
      /^whsec_[A-Za-z0-9+/=]{16,}$/.test((value as { secret: string }).secret),
  });
  return stored.secret;
}

/** The event body Clerk sends: the user (Clerk's User object; a DeletedObject for deletions) in `data`. */
function eventBody(type: UserEventType, user: User): string {
  const data =
    type === "user.deleted" ? { object: "user", id: user.id, deleted: true } : userJson(user);
  return JSON.stringify({
    data,
    event_attributes: { http_request: { client_ip: "127.0.0.1", user_agent: "clerk-local" } },
    instance_id: "ins_offline",
    object: "event",
    timestamp: Date.now(),
    type,
  });
}

interface Message {
  id: string;
  body: string;
  /** Attempts made so far. */
  attempts: number;
}

export interface WebhookSenderOptions {
  endpoint: WebhookEndpoint;
  /** Delays between attempts (default: Svix's); its length bounds the retries. */
  retryDelaysMs?: readonly number[];
  attemptTimeoutMs?: number;
  log?: (message: string) => void;
}

export class WebhookSender {
  private readonly signer: Webhook;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private readonly pending: Message[] = [];
  private readonly delays: readonly number[];
  private stopped = false;
  /** Messages delivered (2xx) and given up on, for the logs and the tests. */
  readonly counts = { delivered: 0, failed: 0 };

  constructor(private readonly options: WebhookSenderOptions) {
    this.signer = new Webhook(options.endpoint.secret);
    this.delays = options.retryDelaysMs ?? SVIX_RETRY_DELAYS_MS;
  }

  /** Queues the event for `user` and makes its first attempt at once. */
  send(type: UserEventType, user: User): void {
    if (this.stopped) return;
    const message: Message = {
      id: `msg_${randomBytes(18).toString("base64url")}`,
      body: eventBody(type, user),
      attempts: 0,
    };
    this.pending.push(message);
    if (this.pending.length > MAX_PENDING) {
      const dropped = this.pending.shift();
      this.options.log?.(
        `clerk-local: webhook ${dropped?.id ?? ""} dropped: over ${MAX_PENDING} waiting`,
      );
    }
    void this.attempt(message);
  }

  /** Messages not yet delivered nor given up on. */
  get waiting(): number {
    return this.pending.length;
  }

  private async attempt(message: Message): Promise<void> {
    if (this.stopped || !this.pending.includes(message)) return;
    message.attempts += 1;
    const now = new Date();
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timeout = setTimeout(
      () => controller.abort(),
      this.options.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS,
    );
    let outcome: string;
    try {
      // Signed per attempt, as Svix does: each carries its own timestamp, so a retry hours later still verifies.
      const response = await fetch(this.options.endpoint.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Svix-Webhooks/1.0 (clerk-local)",
          "svix-id": message.id,
          "svix-timestamp": String(Math.floor(now.getTime() / 1000)),
          "svix-signature": this.signer.sign(message.id, now, message.body),
        },
        body: message.body,
        signal: controller.signal,
        redirect: "manual",
      });
      await response.body?.cancel();
      if (response.ok) {
        this.settle(message);
        this.counts.delivered += 1;
        return;
      }
      outcome = `answered ${response.status}`;
    } catch (error) {
      outcome = controller.signal.aborted ? "timed out" : `failed (${(error as Error).message})`;
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
    // stop() may have run while the attempt was out.
    if (!this.pending.includes(message)) return;
    const delay = this.delays[message.attempts - 1];
    if (delay === undefined) {
      this.settle(message);
      this.counts.failed += 1;
      this.options.log?.(
        `clerk-local: webhook ${message.id} to ${this.options.endpoint.url} ${outcome}; gave up after ${message.attempts} attempts`,
      );
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(message);
    }, delay);
    // Waiting retries never keep the process alive.
    timer.unref();
    this.timers.add(timer);
  }

  private settle(message: Message): void {
    const index = this.pending.indexOf(message);
    if (index >= 0) this.pending.splice(index, 1);
  }

  /** Cancels every retry and attempt in flight; what is still waiting is dropped (it is kept in memory only). */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.inFlight) controller.abort();
    if (this.pending.length > 0) {
      this.options.log?.(
        `clerk-local: ${this.pending.length} webhook(s) not delivered before stop`,
      );
    }
    this.pending.length = 0;
  }
}
