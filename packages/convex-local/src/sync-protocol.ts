// The subset of Convex's sync protocol (convex/src/browser/sync/protocol.ts) this server speaks.
import type { JSONValue } from "convex/values";

import { decodeTs } from "./timestamp";
import { argsProblem } from "./value-decoder";

export type QuerySetChange =
  | {
      type: "Add";
      queryId: number;
      udfPath: string;
      args: JSONValue[];
      /** The journal of an earlier result (a paginated query's pinned page end), sent back on reconnect. */
      journal?: string | null | undefined;
      componentPath?: string | undefined;
    }
  | { type: "Remove"; queryId: number };

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
      modifications: QuerySetChange[];
    }
  | {
      type: "Mutation";
      requestId: number;
      udfPath: string;
      args: JSONValue[];
      componentPath?: string | undefined;
    }
  | {
      type: "Action";
      requestId: number;
      udfPath: string;
      args: JSONValue[];
      componentPath?: string | undefined;
    }
  | { type: "Authenticate"; tokenType: "User" | "Admin"; value: string; baseVersion: number }
  | { type: "Authenticate"; tokenType: "None"; baseVersion: number }
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

/** Wire limits on client-supplied strings and numbers (see README "Limits"). */
export const PROTOCOL_LIMITS = {
  /** ConvexClient sends a UUID (36 characters). */
  sessionIdLength: 256,
  udfPathLength: 1024,
  /** Clerk session JWTs are ~1-2 KB; this leaves room for large custom claims. */
  tokenLength: 64 * 1024,
  textLength: 4096,
  /** Query ids, request ids and versions are nonnegative u32s in Convex's Rust backend. */
  maxId: 2 ** 32 - 1,
} as const;

type Fields = Record<string, unknown>;

class ProtocolError extends Error {}

const fail = (message: string): never => {
  throw new ProtocolError(message);
};

function object(value: unknown, where: string): Fields {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    fail(`${where} must be an object.`);
  return value as Fields;
}

function id(value: unknown, where: string): number {
  if (
    !Number.isInteger(value) ||
    (value as number) < 0 ||
    (value as number) > PROTOCOL_LIMITS.maxId
  )
    fail(`${where} must be an integer from 0 to ${PROTOCOL_LIMITS.maxId}.`);
  return value as number;
}

function text(value: unknown, where: string, max: number, min = 0): string {
  if (typeof value !== "string") return fail(`${where} must be a string.`);
  if (value.length < min || value.length > max)
    fail(`${where} must be ${min === 0 ? "at most" : `${min} to`} ${max} characters long.`);
  return value;
}

function optional<T>(
  value: unknown,
  check: (value: unknown, where: string) => T,
  where: string,
): T | undefined {
  return value === undefined ? undefined : check(value, where);
}

const componentPath = (value: unknown, where: string) =>
  text(value, where, PROTOCOL_LIMITS.udfPathLength);

/**
 * Function arguments travel as a one-element array holding an object of Convex-encoded JSON. A malformed value
 * in it is the call's failure, not the connection's: it comes back as [refusal message] (a string, which valid
 * arguments never are), for the call to answer with (see argsRefused in ./sync).
 */
function args(value: unknown, where: string): JSONValue[] {
  if (!Array.isArray(value) || value.length !== 1)
    fail(`${where} must be a one-element array holding an object.`);
  object((value as unknown[])[0], `${where}[0]`);
  const problem = argsProblem((value as unknown[])[0]);
  return problem === null ? (value as JSONValue[]) : [problem.message];
}

function udfPath(value: unknown, where: string): string {
  return text(value, where, PROTOCOL_LIMITS.udfPathLength, 1);
}

function modification(value: unknown, where: string): QuerySetChange {
  const m = object(value, where);
  if (m.type === "Remove") return { type: "Remove", queryId: id(m.queryId, `${where}.queryId`) };
  if (m.type !== "Add") return fail(`${where}.type must be "Add" or "Remove".`);
  const journal = m.journal;
  if (journal !== undefined && journal !== null)
    text(journal, `${where}.journal`, PROTOCOL_LIMITS.tokenLength);
  return {
    type: "Add",
    queryId: id(m.queryId, `${where}.queryId`),
    udfPath: udfPath(m.udfPath, `${where}.udfPath`),
    args: args(m.args, `${where}.args`),
    journal: journal as string | null | undefined,
    componentPath: optional(m.componentPath, componentPath, `${where}.componentPath`),
  };
}

function parseFields(m: Fields): ClientMessage {
  const type = m.type;
  const where = String(type);
  switch (type) {
    case "Connect": {
      const maxObserved = optional(
        m.maxObservedTimestamp,
        (value, at) => {
          const encoded = text(value, at, 12);
          if (decodeTs(encoded) === null) fail(`${at} must be a base64-encoded u64.`);
          return encoded;
        },
        "Connect.maxObservedTimestamp",
      );
      const clientTs = optional(
        m.clientTs,
        (value, at) => {
          if (typeof value !== "number" || !Number.isFinite(value)) fail(`${at} must be a number.`);
          return value as number;
        },
        "Connect.clientTs",
      );
      const reason = m.lastCloseReason;
      return {
        type,
        sessionId: text(m.sessionId, "Connect.sessionId", PROTOCOL_LIMITS.sessionIdLength, 1),
        connectionCount: id(m.connectionCount, "Connect.connectionCount"),
        lastCloseReason:
          reason === null || reason === undefined
            ? null
            : text(reason, "Connect.lastCloseReason", PROTOCOL_LIMITS.textLength),
        ...(maxObserved === undefined ? {} : { maxObservedTimestamp: maxObserved }),
        ...(clientTs === undefined ? {} : { clientTs }),
      };
    }
    case "ModifyQuerySet": {
      const baseVersion = id(m.baseVersion, "ModifyQuerySet.baseVersion");
      const newVersion = id(m.newVersion, "ModifyQuerySet.newVersion");
      if (newVersion <= baseVersion)
        fail("ModifyQuerySet.newVersion must be greater than baseVersion.");
      if (!Array.isArray(m.modifications))
        return fail("ModifyQuerySet.modifications must be an array.");
      return {
        type,
        baseVersion,
        newVersion,
        modifications: (m.modifications as unknown[]).map((value, index) =>
          modification(value, `ModifyQuerySet.modifications[${index}]`),
        ),
      };
    }
    case "Mutation":
    case "Action":
      return {
        type,
        requestId: id(m.requestId, `${where}.requestId`),
        udfPath: udfPath(m.udfPath, `${where}.udfPath`),
        args: args(m.args, `${where}.args`),
        componentPath: optional(m.componentPath, componentPath, `${where}.componentPath`),
      };
    case "Authenticate": {
      const baseVersion = id(m.baseVersion, "Authenticate.baseVersion");
      if (m.tokenType === "None") return { type, tokenType: "None", baseVersion };
      if (m.tokenType !== "User" && m.tokenType !== "Admin")
        return fail('Authenticate.tokenType must be "User", "Admin" or "None".');
      if (m.impersonating !== undefined) object(m.impersonating, "Authenticate.impersonating");
      return {
        type,
        tokenType: m.tokenType,
        value: text(m.value, "Authenticate.value", PROTOCOL_LIMITS.tokenLength, 1),
        baseVersion,
      };
    }
    case "Event":
      return {
        type,
        eventType: text(m.eventType, "Event.eventType", PROTOCOL_LIMITS.textLength),
        event: m.event,
      };
    default:
      return fail(`Unknown message type ${type === undefined ? "(none)" : JSON.stringify(type)}.`);
  }
}

/**
 * Parses and validates one client frame field by field against convex 1.48's
 * src/browser/sync/protocol.ts; throws an Error whose message is fit for a FatalError.
 */
export function parseClientMessage(raw: string): ClientMessage {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    throw new ProtocolError("Malformed message: not JSON.");
  }
  return parseFields(object(message, "A client message"));
}
