// The apps' vercel.json files, read and taken apart: what the deploy test checks and the end-to-end deploy runs.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dirname, "../../..");
export const APPS = ["app-router", "pages-router"] as const;
export type AppName = (typeof APPS)[number];

export const appDir = (app: AppName) => join(repoRoot, "apps", app);

export interface VercelJson {
  $schema?: string;
  framework?: string;
  installCommand?: string;
  buildCommand?: string;
}

export function readVercelJson(app: AppName): VercelJson {
  return JSON.parse(readFileSync(join(appDir(app), "vercel.json"), "utf8")) as VercelJson;
}

/** `npx convex deploy --cmd '<build>' --cmd-url-env-var-name <name>`, run from `dir` (a `cd` before it). */
export interface ConvexDeploy {
  dir: string;
  build: string;
  urlEnvVar: string;
}

const DEPLOY = /^cd (\S+) && npx convex deploy --cmd '([^']+)' --cmd-url-env-var-name (\S+)$/;

/** The buildCommand as a Convex deploy wrapping the app's build, or undefined for a plain build. */
export function convexDeploy(buildCommand: string): ConvexDeploy | undefined {
  const match = DEPLOY.exec(buildCommand);
  if (match === null) return undefined;
  const [, dir = "", build = "", urlEnvVar = ""] = match;
  return { dir, build, urlEnvVar };
}
