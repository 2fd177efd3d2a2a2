// The HTTP side of file storage (./storage): POST <upload URL> with the file as the body answers
// `{"storageId": "..."}` (https://docs.convex.dev/file-storage/upload-files), and GET <getUrl() URL> serves the
// bytes with the content type they were uploaded with.
import type { ApiHandler, Route } from "./http";
import { corsHeaders, HttpError, readBody, requestUrl, send } from "./http";

const upload: ApiHandler = async ({ engine }, request, response) => {
  const token = requestUrl(request).searchParams.get("token") ?? "";
  if (!engine.files.blobs.checkUploadToken(token)) {
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
};

const serveFile: ApiHandler = ({ engine }, request, response, params) => {
  // Storage ids are plain ASCII: a path that is not one is simply not found (the table already refused a path
  // that is not valid percent-encoding).
  const file = engine.files.file(params.id ?? "");
  if (file === null) throw new HttpError(404, "FileNotFound", "No stored file has this URL.");
  response.writeHead(200, {
    ...corsHeaders(request),
    "content-type": file.contentType ?? "application/octet-stream",
    "content-length": String(file.bytes.byteLength),
  });
  response.end(request.method === "HEAD" ? undefined : file.bytes);
};

export const STORAGE_ROUTES: readonly Route[] = [
  { method: "POST", path: "/api/storage/upload", handler: upload },
  { method: "GET", path: "/api/storage/:id", handler: serveFile },
  { method: "HEAD", path: "/api/storage/:id", handler: serveFile },
];
