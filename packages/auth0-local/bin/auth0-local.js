#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, resolved from this package, so callers need no loader of their own.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
