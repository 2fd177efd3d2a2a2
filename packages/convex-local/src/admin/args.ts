// Reading a system function's arguments: a wrong type is the call's error, naming the argument.
import type { JSONValue } from "convex/values";

import { HttpError } from "../http";

export function stringArg(args: Record<string, JSONValue>, name: string): string {
  const value = args[name];
  if (typeof value !== "string")
    throw new HttpError(400, "InvalidArgument", `Argument "${name}" must be a string.`);
  return value;
}
