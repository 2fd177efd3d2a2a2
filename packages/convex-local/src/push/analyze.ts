// What a pushed module set contains, in the shapes Convex's backend answers a push with (the CLI's
// lib/deployApi/*.ts zod schemas): each module's functions (type, visibility, argument and return validators),
// the HTTP routes of http.js, the crons of crons.js, the schema's tables and indexes, the auth providers.
// Found by importing the modules, as Convex analyzes them by evaluating them.
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import type { ManifestSchema } from "./schema-diff";

export type UdfType = "Query" | "Mutation" | "Action";

export interface AnalyzedFunction {
  name: string;
  pos: null;
  udfType: UdfType;
  visibility: { kind: "public" | "internal" };
  /** The validator as JSON text (`exportArgs()`); `{"type":"any"}` semantics when null. */
  args: string | null;
  returns: string | null;
}

export interface HttpRoute {
  route: { path: string; method: string };
  pos: null;
}

export interface AnalyzedModule {
  functions: AnalyzedFunction[];
  httpRoutes: HttpRoute[] | null;
  cronSpecs: [string, { udfPath: string; udfArgs: unknown; cronSchedule: unknown }][] | null;
  sourceMapped: null;
}

/** auth.config.ts providers as the backend reports them (deployApi/types.ts authInfo). */
export type AuthInfo =
  | { applicationID: string; domain: string }
  | {
      type: "customJwt";
      applicationID: string | null;
      issuer: string;
      jwks: string;
      algorithm: string;
    };

export interface Analysis {
  functions: Record<string, AnalyzedModule>;
  schema: ManifestSchema | null;
  auth: AuthInfo[];
  httpRoutes: { method: string; path: string }[] | null;
  /** Cron job names (crons.js), for the push's cron diff. */
  crons: string[];
}

/** A module that does not load or whose exports make no sense: the push is refused naming it. */
export class AnalysisError extends Error {}

interface Registered {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  isPublic?: boolean;
  isInternal?: boolean;
  exportArgs?: () => string;
  exportReturns?: () => string;
}

interface Router {
  isRouter?: boolean;
  getRoutes?: () => [string, string, unknown][];
}

const udfTypeOf = (fn: Registered): UdfType | null =>
  fn.isQuery === true
    ? "Query"
    : fn.isMutation === true
      ? "Mutation"
      : fn.isAction === true
        ? "Action"
        : null;

async function load(dir: string, path: string): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(join(dir, path)).href)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AnalysisError(`Failed to analyze ${path}: Uncaught ${reason}`);
  }
}

function returnsOf(fn: Registered): string | null {
  const returns = typeof fn.exportReturns === "function" ? fn.exportReturns() : "null";
  return returns === "null" ? null : returns;
}

export function analyzeFunctions(exports: Record<string, unknown>): AnalyzedFunction[] {
  const functions: AnalyzedFunction[] = [];
  for (const [name, value] of Object.entries(exports)) {
    if (typeof value !== "function" && (typeof value !== "object" || value === null)) continue;
    const fn = value as Registered;
    const udfType = udfTypeOf(fn);
    if (udfType === null) continue;
    functions.push({
      name,
      pos: null,
      udfType,
      visibility: { kind: fn.isPublic === true ? "public" : "internal" },
      args: typeof fn.exportArgs === "function" ? fn.exportArgs() : null,
      // exportReturns() is "null" without a returns validator: Convex reports no validator then.
      returns: returnsOf(fn),
    });
  }
  return functions;
}

export function httpRoutesOf(path: string, exports: Record<string, unknown>): HttpRoute[] {
  const router = exports.default as Router | undefined;
  if (router?.isRouter !== true || typeof router.getRoutes !== "function")
    throw new AnalysisError(
      `Failed to analyze ${path}: its default export is not an httpRouter().`,
    );
  return router.getRoutes().map(([routePath, method]) => ({
    route: { path: routePath, method },
    pos: null,
  }));
}

function cronSpecsOf(path: string, exports: Record<string, unknown>): AnalyzedModule["cronSpecs"] {
  const crons = exports.default as { export?: () => string } | undefined;
  if (typeof crons?.export !== "function")
    throw new AnalysisError(`Failed to analyze ${path}: its default export is not cronJobs().`);
  const jobs = JSON.parse(crons.export()) as Record<
    string,
    { name: string; args: unknown; schedule: unknown }
  >;
  return Object.entries(jobs).map(([identifier, job]) => [
    identifier,
    { udfPath: job.name, udfArgs: job.args, cronSchedule: job.schedule },
  ]);
}

function authOf(exports: Record<string, unknown>): AuthInfo[] {
  const config = exports.default as { providers?: unknown } | undefined;
  if (!Array.isArray(config?.providers))
    throw new AnalysisError("Failed to analyze auth.config.js: it exports no `providers` array.");
  return config.providers.map((provider: Record<string, unknown>, index): AuthInfo => {
    if (provider.type === "customJwt") {
      const { issuer, jwks, algorithm, applicationID } = provider;
      if (typeof issuer !== "string" || typeof jwks !== "string" || typeof algorithm !== "string")
        throw new AnalysisError(
          `auth.config.js: provider ${index} (customJwt) needs string issuer, jwks and algorithm.`,
        );
      return {
        type: "customJwt",
        applicationID: typeof applicationID === "string" ? applicationID : null,
        issuer,
        jwks,
        algorithm,
      };
    }
    const { domain, applicationID } = provider;
    if (typeof domain !== "string" || typeof applicationID !== "string")
      throw new AnalysisError(
        `auth.config.js: provider ${index} needs string domain and applicationID (is an environment variable unset?).`,
      );
    return { ...provider, domain, applicationID };
  });
}

/** Imports every module of a staged set (`dir`) and describes it. */
export async function analyzeModuleSet(
  dir: string,
  paths: readonly string[],
  schemaPath: string | null,
): Promise<Analysis> {
  const analysis: Analysis = {
    functions: {},
    schema: null,
    auth: [],
    httpRoutes: null,
    crons: [],
  };
  for (const path of [...paths].sort()) {
    if (path.startsWith("_deps/")) continue;
    const exports = await load(dir, path);
    if (path === "auth.config.js") {
      analysis.auth = authOf(exports);
      continue;
    }
    const module: AnalyzedModule = {
      functions: analyzeFunctions(exports),
      httpRoutes: null,
      cronSpecs: null,
      sourceMapped: null,
    };
    if (path === "http.js" && exports.default !== undefined) {
      module.httpRoutes = httpRoutesOf(path, exports);
      analysis.httpRoutes = module.httpRoutes.map(({ route }) => route);
    }
    if (path === "crons.js" && exports.default !== undefined) {
      module.cronSpecs = cronSpecsOf(path, exports);
      analysis.crons = (module.cronSpecs ?? []).map(([name]) => name);
    }
    analysis.functions[path] = module;
  }
  if (schemaPath !== null) {
    const exports = await load(dir, schemaPath);
    const schema = exports.default as { export?: () => string } | undefined;
    if (typeof schema?.export !== "function")
      throw new AnalysisError(
        `Failed to analyze ${schemaPath}: its default export is not defineSchema().`,
      );
    analysis.schema = JSON.parse(schema.export()) as ManifestSchema;
  }
  return analysis;
}
