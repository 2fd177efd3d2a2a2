// The HTTP side of file storage (./storage): POST <upload URL> with the file as the body answers
// `{"storageId": "..."}` (https://docs.convex.dev/file-storage/upload-files), and GET <getUrl() URL> serves the
// bytes with the content type they were uploaded with.
import type { IncomingMessage, ServerResponse } from "node:http";

import type { Engine } from "./engine";
import { corsHeaders, HttpError, readBody, send } from "./http-api";

const UPLOAD_PATH = "/api/storage/upload";
const FILE_PATH = /^\/api\/storage\/([^/]+)$/;

/** Handles /api/storage/*; false for any other path. */
export async function handleStorage(
  engine: Engine,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (url.pathname === UPLOAD_PATH) {
    if (request.method !== "POST")
      throw new HttpError(405, "MethodNotAllowed", `${UPLOAD_PATH} only accepts POST.`);
    if (!engine.files.blobs.checkUploadToken(url.searchParams.get("token") ?? "")) {
      throw new HttpError(
        401,
        "InvalidUploadUrl",
        "This upload URL is invalid or has expired (they last an hour, and not across a restart): " +
          "get a new one from storage.generateUploadUrl().",
      );
    }
    const body = await readBody(request, engine.files.blobs.maxFileBytes);
    const contentType = request.headers["content-type"] ?? null;
    send(request, response, 200, { storageId: await engine.upload(body, contentType) });
    return true;
  }
  const match = FILE_PATH.exec(url.pathname);
  if (match === null) return false;
  if (request.method !== "GET" && request.method !== "HEAD")
    throw new HttpError(405, "MethodNotAllowed", "Stored files are served by GET.");
  // Storage ids are plain ASCII: a path that is not one (or not even valid percent-encoding) is simply not found.
  const file = engine.files.file(match[1] ?? "");
  if (file === null) throw new HttpError(404, "FileNotFound", "No stored file has this URL.");
  response.writeHead(200, {
    ...corsHeaders(request),
    "content-type": file.contentType ?? "application/octet-stream",
    "content-length": String(file.bytes.byteLength),
  });
  response.end(request.method === "HEAD" ? undefined : file.bytes);
  return true;
}
