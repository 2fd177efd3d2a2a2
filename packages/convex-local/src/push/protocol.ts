// The push requests' wire shapes, as the CLI sends them (lib/deployApi/*.ts), checked before anything is
// written; and their bodies, which the CLI brotli-compresses (`Content-Encoding: br`).
import type { IncomingMessage } from "node:http";
import { brotliDecompressSync } from "node:zlib";

import { z } from "zod";

import { HttpError, readBody } from "../http";

/** Pushed code plus source maps: far above any app's, and bounded so a body cannot fill the memory. */
export const MAX_PUSH_BYTES = 256 * 1024 * 1024;

const environment = z.enum(["isolate", "node"]);
const moduleConfig = z.looseObject({
  path: z.string(),
  source: z.string(),
  sourceMap: z.string().optional(),
  environment,
});

export const startPushRequest = z.looseObject({
  adminKey: z.string().optional(),
  dryRun: z.boolean(),
  functions: z.string(),
  appDefinition: z.looseObject({
    definition: moduleConfig.nullable(),
    dependencies: z.array(z.string()),
    schema: moduleConfig.nullable(),
    changedModules: z.array(moduleConfig),
    unchangedModuleHashes: z.array(
      z.looseObject({ path: z.string(), environment, sha256: z.string() }),
    ),
    udfServerVersion: z.string(),
  }),
  componentDefinitions: z.array(
    z.looseObject({
      definitionPath: z.string().min(1),
      definition: moduleConfig,
      dependencies: z.array(z.string()),
      schema: moduleConfig.nullable(),
      functions: z.array(moduleConfig),
    }),
  ),
  nodeDependencies: z.array(z.unknown()),
  nodeVersion: z.string().optional(),
});
export type StartPushRequest = z.infer<typeof startPushRequest>;

const schemaChange = z.looseObject({ schemaIds: z.unknown() });

export const waitForSchemaRequest = z.looseObject({
  schemaChange,
  timeoutMs: z.number().optional(),
  dryRun: z.boolean().optional(),
});

export const finishPushRequest = z.looseObject({
  startPush: z.looseObject({ schemaChange }),
  dryRun: z.boolean(),
});

/** The JSON body of a push request, decompressed when the CLI sent it brotli-encoded; 400 when malformed. */
export async function readPushBody<T>(request: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const raw = await readBody(request, MAX_PUSH_BYTES);
  const encoding = request.headers["content-encoding"];
  let text: string;
  if (encoding === "br") {
    try {
      text = brotliDecompressSync(raw, {
        maxOutputLength: MAX_PUSH_BYTES,
      }).toString("utf8");
    } catch (error) {
      const tooLarge = (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
      throw tooLarge
        ? new HttpError(
            413,
            "RequestTooLarge",
            `Decompressed body exceeds ${MAX_PUSH_BYTES} bytes.`,
          )
        : new HttpError(400, "BadBrotliBody", "Request body is not valid brotli.");
    }
  } else if (encoding === undefined || encoding === "identity") {
    text = raw.toString("utf8");
  } else {
    throw new HttpError(415, "UnsupportedEncoding", `Unsupported Content-Encoding ${encoding}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HttpError(400, "BadJsonBody", "Request body is not valid JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? "body" : issue.path.join(".");
    throw new HttpError(
      400,
      "BadJsonBody",
      `Invalid request ${where}: ${issue?.message ?? "malformed"}.`,
    );
  }
  return parsed.data;
}
