// The system queries `npx convex export/import` watch (over the WebSocket, or POST /api/query with the admin key):
// _system/cli/exports:getLatest (the latest export, null before the first), _system/cli/queryImport (one import's
// document by id) and _system/cli/queryImport:list (every remembered import). Answers are Convex JSON (bigints
// as $integer), built from the state the routes in ./snapshot-http leave (../snapshot/snapshot-state).
import type { JSONValue } from "convex/values";
import { convexToJson } from "convex/values";

import type { Engine } from "../engine";

type SnapshotQuery = (context: { engine: Engine }, args: Record<string, JSONValue>) => JSONValue;

export const SNAPSHOT_SYSTEM_QUERIES: Readonly<Record<string, SnapshotQuery>> = {
  "_system/cli/exports:getLatest": ({ engine }) => convexToJson(engine.snapshots.exportDocument()),
  "_system/cli/queryImport:default": ({ engine }, args) =>
    convexToJson(engine.snapshots.importDocument(args.importId ?? null)),
  "_system/cli/queryImport:list": ({ engine }) => convexToJson(engine.snapshots.importDocuments()),
};
