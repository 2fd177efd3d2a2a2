// The subset of Convex's sync protocol (convex/src/browser/sync/protocol.ts) this server speaks.
import type { JSONValue } from "convex/values";

export type ClientMessage =
  | {
      type: "Connect";
      sessionId: string;
      connectionCount: number;
      lastCloseReason: string | null;
      maxObservedTimestamp?: string;
      clientTs?: number;
    }
  | {
      type: "ModifyQuerySet";
      baseVersion: number;
      newVersion: number;
      modifications: (
        | {
            type: "Add";
            queryId: number;
            udfPath: string;
            args: JSONValue[];
            journal?: string;
            componentPath?: string;
          }
        | { type: "Remove"; queryId: number }
      )[];
    }
  | {
      type: "Mutation";
      requestId: number;
      udfPath: string;
      args: JSONValue[];
      componentPath?: string;
    }
  | {
      type: "Action";
      requestId: number;
      udfPath: string;
      args: JSONValue[];
      componentPath?: string;
    }
  | { type: "Authenticate"; tokenType: "User"; value: string; baseVersion: number }
  | { type: "Authenticate"; tokenType: "None"; baseVersion: number }
  | { type: "Authenticate"; tokenType: "Admin"; value: string; baseVersion: number }
  | { type: "Event"; eventType: string; event: unknown };

export interface StateVersion {
  querySet: number;
  identity: number;
  ts: string;
}

/** A query's result as sent to clients, before it is tagged with the client's query id. */
export type QueryResult =
  | { type: "QueryUpdated"; value: JSONValue; logLines: string[]; journal: string | null }
  | {
      type: "QueryFailed";
      errorMessage: string;
      logLines: string[];
      errorData?: JSONValue;
      journal: string | null;
    };

export type QueryModification =
  (QueryResult & { queryId: number }) | { type: "QueryRemoved"; queryId: number };

export type ServerMessage =
  | {
      type: "Transition";
      startVersion: StateVersion;
      endVersion: StateVersion;
      modifications: QueryModification[];
    }
  | {
      type: "MutationResponse";
      requestId: number;
      success: boolean;
      result: JSONValue;
      ts?: string;
      logLines: string[];
      errorData?: JSONValue;
    }
  | {
      type: "ActionResponse";
      requestId: number;
      success: boolean;
      result: JSONValue;
      logLines: string[];
      errorData?: JSONValue;
    }
  | { type: "AuthError"; error: string; baseVersion: number; authUpdateAttempted: boolean }
  | { type: "FatalError"; error: string }
  | { type: "Ping" };

const TYPES = new Set(["Connect", "ModifyQuerySet", "Mutation", "Action", "Authenticate", "Event"]);

/** Parses one client frame; throws with a message fit for a FatalError. */
export function parseClientMessage(raw: string): ClientMessage {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    throw new Error("Malformed message: not JSON.");
  }
  const type = (message as { type?: unknown } | null)?.type;
  if (typeof type !== "string" || !TYPES.has(type))
    throw new Error(`Unknown message type: ${String(type)}.`);
  const m = message as Record<string, unknown>;
  const isInt = (value: unknown) => Number.isInteger(value);
  const ok =
    type === "Connect"
      ? typeof m.sessionId === "string"
      : type === "ModifyQuerySet"
        ? isInt(m.baseVersion) && isInt(m.newVersion) && Array.isArray(m.modifications)
        : type === "Mutation" || type === "Action"
          ? isInt(m.requestId) && typeof m.udfPath === "string" && Array.isArray(m.args)
          : type === "Authenticate"
            ? isInt(m.baseVersion) && (m.tokenType === "None" || typeof m.value === "string")
            : true;
  if (!ok) throw new Error(`Malformed ${type} message.`);
  return message as ClientMessage;
}
