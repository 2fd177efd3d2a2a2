// Reading the data dir's JSON files: a damaged file stops the start with a message that names it, never a bare
// SyntaxError from deep inside.
import { readFileSync } from "node:fs";

export function readDataFile(path: string, isValid: (value: unknown) => boolean): unknown {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(
      `auth0-local: ${path} is not valid JSON (${(error as Error).message}); fix it or delete it to start over.`,
    );
  }
  if (!isValid(value)) {
    throw new Error(
      `auth0-local: ${path} does not hold what auth0-local wrote there; fix it or delete it to start over.`,
    );
  }
  return value;
}
