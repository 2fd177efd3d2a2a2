// The compose files, read as docker compose reads them: YAML, checked against the Compose Specification's JSON schema
// (vendored in schema/), and interpolated with their own defaults (`${NAME:-default}`), as with an empty .env.
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { Ajv } from "ajv";
import type { ErrorObject } from "ajv";
import { parse } from "yaml";

export const selfHostedDir = join(import.meta.dirname, "..", "self-hosted");
export const COMPOSE_FILES = ["docker-compose.yml", "docker-compose.postgres.yml"] as const;

// The schema is draft-07 (ajv's default draft) but names its meta-schema as https://json-schema.org/draft-07/schema,
// an alias ajv does not know (its own is http://…/schema#): the `$schema` is left out rather than registered twice.
const { $schema: _metaSchema, ...schema } = JSON.parse(
  readFileSync(join(import.meta.dirname, "..", "schema", "compose-spec.json"), "utf8"),
) as Record<string, unknown>;
// strictTypes off: ajv's strict mode also lints how a schema is written (a union `type`, `additionalProperties` under
// a `oneOf` branch without its own `type`), which this one, written for docker's validator, does; every keyword stays
// checked (strictSchema), so a schema ajv misread would fail here.
const validate = new Ajv({ allErrors: true, strictSchema: true, strictTypes: false }).compile(
  schema,
);

/** The schema's complaints about `document`, one line each ("" path for the root); empty when it is valid. */
export function schemaErrors(document: unknown): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).map(
    (error: ErrorObject) => `${error.instancePath || "/"} ${error.message ?? ""}`,
  );
}

export function readCompose(file: string): { text: string; document: unknown } {
  const text = readFileSync(join(selfHostedDir, file), "utf8");
  return { text, document: parse(text) as unknown };
}

/**
 * Compose's interpolation with nothing set: `${NAME:-default}` / `${NAME-default}` become the default,
 * `${NAME:?message}` (required) becomes `required`, and `${NAME}` becomes "". `$$` is a literal `$`.
 */
export function interpolateDefaults(text: string, required: Record<string, string> = {}): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*)|(:?\?)([^}]*))?\}/g,
    (
      match,
      name: string | undefined,
      _dash,
      fallback: string | undefined,
      question: string | undefined,
    ) => {
      if (match === "$$") return "$";
      if (question !== undefined) {
        const value = required[name ?? ""];
        if (value === undefined) throw new Error(`${name ?? ""} is required: ${match}`);
        return value;
      }
      return fallback ?? "";
    },
  );
}
