// `npx convex export` and `npx convex import` (src/cli/lib/convexExport.ts, convexImport.ts in the CLI):
//   POST /api/export/request/zip?includeStorage=… → builds the snapshot ZIP (at once: the CLI then sees it
//     completed through _system/cli/exports:getLatest), GET /api/export/zip/<start_ts> → the ZIP;
//   POST /api/import/start_upload → {uploadToken}, POST /api/import/upload_part?uploadToken&partNumber → a part
//     token, POST /api/import/finish_upload → parses and checks everything → {importId} (waiting for
//     confirmation, with the change summary), POST /api/perform_import → writes it in one transaction.
// Bad input is a 4xx at the request that brought it, with nothing written.
import { sendJson } from "@repo/local-server/respond";

import { adminOnly } from "../admin-key";
import type { Engine } from "../engine";
import type { ApiHandler, Route } from "../http";
import { corsHeaders, HttpError, readBody, requestUrl, send } from "../http";
import { tableOfId } from "../ids";
import type { ImportMode } from "../snapshot/apply-import";
import { applyImport } from "../snapshot/apply-import";
import type { Document, StoredFile } from "../snapshot/export-zip";
import { buildSnapshotZip } from "../snapshot/export-zip";
import type { ImportFormat } from "../snapshot/import-parse";
import { parseImport } from "../snapshot/import-parse";

const FORMATS: readonly ImportFormat[] = ["zip", "jsonLines", "jsonArray", "csv"];
const MODES: readonly ImportMode[] = ["requireEmpty", "append", "replace", "replaceAll"];
/** The JSON bodies of finish_upload and perform_import (part tokens for 10,000 parts fit easily). */
const CONTROL_BODY_BYTES = 1024 * 1024;

async function readJson(request: Parameters<ApiHandler>[1]): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = JSON.parse((await readBody(request, CONTROL_BODY_BYTES)).toString("utf8"));
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, "BadJsonBody", "Request body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new HttpError(400, "BadJsonBody", "Request body must be a JSON object.");
  return body as Record<string, unknown>;
}

/** Every user table (the schema's, empty ones too) with its documents, and the stored files if asked. */
async function snapshot(engine: Engine, includeStorage: boolean) {
  const { tables, storageRows } = await engine.transact((db) => {
    const byTable = new Map<string, Document[]>();
    for (const table of db._schema?.tables.keys() ?? []) byTable.set(table, []);
    const rows: [string, Document][] = [];
    for (const [id, document] of Object.entries(db._documents)) {
      const table = tableOfId(id);
      if (table === "_storage") rows.push([id, document]);
      else if (table !== null && !table.startsWith("_"))
        byTable.set(table, [...(byTable.get(table) ?? []), document]);
    }
    return { tables: byTable, storageRows: rows };
  });
  if (!includeStorage) return { tables, files: null };
  const files: StoredFile[] = [];
  for (const [storageId, document] of storageRows) {
    // A row whose file is gone (deleted mid-export) is left out rather than exported without its bytes.
    const bytes = engine.files.blobs.read(storageId);
    if (bytes !== null) files.push({ storageId, document, bytes });
  }
  return { tables, files };
}

const requestExport: ApiHandler = async ({ engine }, request, response) => {
  const flag = requestUrl(request).searchParams.get("includeStorage") ?? "false";
  if (flag !== "true" && flag !== "false")
    throw new HttpError(400, "InvalidIncludeStorage", '"includeStorage" must be true or false.');
  const { tables, files } = await snapshot(engine, flag === "true");
  engine.snapshots.latestExport = {
    id: engine.snapshots.nextId("_exports"),
    creationTime: Date.now(),
    startTs: engine.ts,
    includeStorage: flag === "true",
    zip: buildSnapshotZip(tables, files),
  };
  send(request, response, 200, {});
};

const downloadExport: ApiHandler = ({ engine }, request, response, params) => {
  const latest = engine.snapshots.latestExport;
  if (latest === null || latest.startTs.toString() !== params.ts)
    throw new HttpError(
      404,
      "ExportNotFound",
      `No export at timestamp ${params.ts ?? ""}: request a new one.`,
    );
  response.writeHead(200, {
    ...corsHeaders(request),
    "content-type": "application/zip",
    "content-length": String(latest.zip.byteLength),
    "content-disposition": `attachment; filename=snapshot_${latest.startTs}.zip`,
  });
  response.end(latest.zip);
};

const startUpload: ApiHandler = (context, request, response) => {
  send(request, response, 200, { uploadToken: context.engine.snapshots.startUpload() });
};

const uploadPart: ApiHandler = async ({ engine }, request, response) => {
  const query = requestUrl(request).searchParams;
  const token = query.get("uploadToken") ?? "";
  const partNumber = Number(query.get("partNumber") ?? "");
  const room = engine.snapshots.roomFor(token);
  const bytes = await readBody(request, room);
  engine.snapshots.addPart(token, partNumber, bytes);
  // A JSON string, as Convex's part tokens are (`send` would answer a string as text).
  sendJson(response, 200, String(partNumber), corsHeaders(request));
};

const finishUpload: ApiHandler = async ({ engine }, request, response) => {
  const body = await readJson(request);
  const options = body.import;
  if (typeof options !== "object" || options === null || Array.isArray(options))
    throw new HttpError(
      400,
      "BadJsonBody",
      '"import" must be an object {format, mode, tableName?}.',
    );
  const { format, mode, tableName, componentPath } = options as Record<string, unknown>;
  if (!FORMATS.includes(format as ImportFormat))
    throw new HttpError(
      400,
      "InvalidImportFormat",
      `"format" must be one of ${FORMATS.join(", ")}.`,
    );
  if (!MODES.includes(mode as ImportMode))
    throw new HttpError(400, "InvalidImportMode", `"mode" must be one of ${MODES.join(", ")}.`);
  if (tableName !== undefined && tableName !== null && typeof tableName !== "string")
    throw new HttpError(400, "BadJsonBody", '"tableName" must be a string.');
  if (componentPath !== undefined && componentPath !== null && componentPath !== "")
    throw new HttpError(
      400,
      "ComponentsNotSupported",
      "This backend has no components to import into.",
    );
  if (typeof body.uploadToken !== "string")
    throw new HttpError(
      400,
      "InvalidUploadToken",
      '"uploadToken" must be the token start_upload gave.',
    );
  const bytes = engine.snapshots.finishUpload(body.uploadToken, body.partTokens);
  const parsed = parseImport(
    bytes,
    format as ImportFormat,
    (tableName as string | undefined) ?? null,
  );
  const plan = await engine.transact((db) => applyImport(db, parsed, mode as ImportMode, null));
  const record = engine.snapshots.addImport({
    format: format as ImportFormat,
    mode: mode as ImportMode,
    tableName: (tableName as string | undefined) ?? null,
    parsed,
    plan,
    state: {
      state: "waiting_for_confirmation",
      message_to_confirm: plan.messageToConfirm,
      require_manual_confirmation: plan.requiresConfirmation,
    },
  });
  send(request, response, 200, { importId: record.id });
};

const performImport: ApiHandler = async ({ engine }, request, response) => {
  const body = await readJson(request);
  const record = engine.snapshots.getImport(body.importId);
  const parsed = record.parsed;
  if (record.state.state !== "waiting_for_confirmation" || parsed === null)
    throw new HttpError(
      400,
      "ImportNotWaiting",
      `Import ${record.id} is ${record.state.state}, not waiting to run.`,
    );
  record.parsed = null;
  try {
    // Checked again: the data may have changed since finish_upload.
    const plan = await engine.transact((db) =>
      applyImport(db, parsed, record.mode, (id, bytes) => engine.files.blobs.write(id, bytes)),
    );
    const written = plan.changes.reduce((sum, change) => sum + change.create, 0);
    record.state = { state: "completed", num_rows_written: BigInt(written) };
  } catch (error) {
    record.state = {
      state: "failed",
      error_message: error instanceof Error ? error.message : String(error),
    };
    throw error;
  }
  send(request, response, 200, {});
};

export const SNAPSHOT_ROUTES: readonly Route[] = [
  { method: "POST", path: "/api/export/request/zip", handler: adminOnly(requestExport) },
  { method: "GET", path: "/api/export/zip/:ts", handler: adminOnly(downloadExport) },
  { method: "POST", path: "/api/import/start_upload", handler: adminOnly(startUpload) },
  { method: "POST", path: "/api/import/upload_part", handler: adminOnly(uploadPart) },
  { method: "POST", path: "/api/import/finish_upload", handler: adminOnly(finishUpload) },
  { method: "POST", path: "/api/perform_import", handler: adminOnly(performImport) },
];
