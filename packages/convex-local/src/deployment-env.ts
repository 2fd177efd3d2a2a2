// The deployment's environment variables, as a real deployment has them: what `npx convex env set` stored (kept in
// the data dir's env.json), what the starter passed explicitly (offline-stack's CLERK_JWT_ISSUER_DOMAIN, …), and
// CONVEX_CLOUD_URL / CONVEX_SITE_URL, always. Functions and auth.config.ts see exactly these as process.env, never
// the shell's: code run inside runWithDeploymentEnv() reads its deployment's variables through a process.env proxy,
// everything else (the server itself, a test runner hosting it) still reads the host's.
import { AsyncLocalStorage } from "node:async_hooks";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { HttpError } from "./http";

export const ENV_FILE = "env.json";
/** Set by the backend on every deployment; `env set` may not change them (Convex's system variables). */
export const SYSTEM_ENV_VARS = ["CONVEX_CLOUD_URL", "CONVEX_SITE_URL"] as const;
/** Convex's limits: names up to 40 characters, values up to 8 KiB, at most 100 variables. */
export const ENV_LIMITS = { nameLength: 40, valueBytes: 8192, count: 100 } as const;
const NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;

export interface EnvVarChange {
  name: string;
  /** null removes the variable. */
  value: string | null;
}

/** Why `name` cannot be a deployment variable, or null when it can. */
export function invalidEnvName(name: string): string | null {
  if (name.length === 0 || name.length > ENV_LIMITS.nameLength)
    return `Environment variable name "${name}" must be 1 to ${ENV_LIMITS.nameLength} characters long.`;
  if (!NAME.test(name))
    return `Environment variable name "${name}" must start with a letter and contain only letters, digits and underscores.`;
  if ((SYSTEM_ENV_VARS as readonly string[]).includes(name))
    return `Environment variable ${name} is set by the deployment and cannot be changed.`;
  return null;
}

export class DeploymentEnv {
  /** What functions see: stored ∪ explicit ∪ system, rebuilt on every change. */
  readonly vars: Record<string, string> = {};
  private readonly stored: Record<string, string>;
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly file: string | null,
    stored: Record<string, string>,
    private readonly explicit: Record<string, string>,
    private system: Record<string, string>,
  ) {
    this.stored = stored;
    this.rebuild();
  }

  /** Reads the data dir's env.json (none: empty); `explicit` is what the starter passes for this run. */
  static open(dataDir: string | null, explicit: Record<string, string>): DeploymentEnv {
    const file = dataDir === null ? null : join(dataDir, ENV_FILE);
    return new DeploymentEnv(file, file === null ? {} : readEnvFile(file), { ...explicit }, {});
  }

  /** The variables `npx convex env list` shows: everything but the system ones, sorted by name. */
  list(): { name: string; value: string }[] {
    return Object.entries(this.vars)
      .filter(([name]) => !(SYSTEM_ENV_VARS as readonly string[]).includes(name))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => ({ name, value }));
  }

  get(name: string): string | null {
    return Object.hasOwn(this.vars, name) ? (this.vars[name] ?? null) : null;
  }

  /** The deployment's URLs, known once the server listens. */
  setSystemUrls(cloudUrl: string, siteUrl: string): void {
    this.system = { CONVEX_CLOUD_URL: cloudUrl, CONVEX_SITE_URL: siteUrl };
    this.rebuild();
  }

  /** Applies `changes` all or nothing (a bad one is a 400 and changes nothing), persisting them. */
  update(changes: readonly EnvVarChange[]): void {
    for (const change of changes) {
      const problem = invalidEnvName(change.name);
      if (problem !== null) throw new HttpError(400, "InvalidEnvironmentVariable", problem);
      if (change.value !== null && Buffer.byteLength(change.value) > ENV_LIMITS.valueBytes)
        throw new HttpError(
          400,
          "InvalidEnvironmentVariable",
          `Environment variable ${change.name}'s value exceeds ${ENV_LIMITS.valueBytes} bytes.`,
        );
    }
    const next = { ...this.stored };
    const explicit = { ...this.explicit };
    for (const { name, value } of changes) {
      // A change made through the CLI outlives the starter's value for this run, as on a real deployment.
      delete explicit[name];
      if (value === null) delete next[name];
      else next[name] = value;
    }
    const names = new Set([...Object.keys(next), ...Object.keys(explicit)]);
    if (names.size > ENV_LIMITS.count)
      throw new HttpError(
        400,
        "InvalidEnvironmentVariable",
        `A deployment holds at most ${ENV_LIMITS.count} environment variables (this change makes ${names.size}).`,
      );
    if (this.file !== null) writeEnvFile(this.file, next);
    for (const key of Object.keys(this.stored)) delete this.stored[key];
    Object.assign(this.stored, next);
    for (const key of Object.keys(this.explicit)) delete this.explicit[key];
    Object.assign(this.explicit, explicit);
    this.rebuild();
    for (const listener of this.listeners) listener();
  }

  /** Called after every change (query results may depend on the variables). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private rebuild(): void {
    for (const key of Object.keys(this.vars)) delete this.vars[key];
    Object.assign(this.vars, this.stored, this.explicit, this.system);
  }
}

function readEnvFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(
      `convex-local: ${file} is not valid JSON (${(error as Error).message}); fix it or delete it (its variables are lost then).`,
    );
  }
  const vars = (value as { vars?: unknown } | null)?.vars;
  if (
    typeof vars !== "object" ||
    vars === null ||
    Array.isArray(vars) ||
    !Object.values(vars).every((v) => typeof v === "string")
  ) {
    throw new Error(
      `convex-local: ${file} does not hold { "vars": { NAME: "value" } }; fix it or delete it.`,
    );
  }
  return { ...(vars as Record<string, string>) };
}

function writeEnvFile(file: string, vars: Record<string, string>): void {
  mkdirSync(join(file, ".."), { recursive: true });
  // Written aside and renamed: a crash mid-write never leaves a torn file. Values may be secrets: owner-only.
  writeFileSync(`${file}.tmp`, JSON.stringify({ vars }, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

const scope = new AsyncLocalStorage<Record<string, string>>();
let installed = false;

/**
 * Makes process.env answer, inside runWithDeploymentEnv(), with that deployment's variables only. Timers and
 * promises started there keep the scope (scheduled functions, crons); outside it process.env is the host's.
 */
function installEnvProxy(): void {
  if (installed) return;
  installed = true;
  // The one place that touches process.env itself: it swaps in the proxy, keeping the host's env behind it.
  // eslint-disable-next-line no-restricted-properties
  const host = process.env;
  const target = (): Record<string, string | undefined> => scope.getStore() ?? host;
  // eslint-disable-next-line no-restricted-properties
  process.env = new Proxy(
    // The host's env anchors the traps (every one of them is defined below, so it is never read through), and
    // gives the proxy the program's own ProcessEnv type (Next's, with NODE_ENV required, where it is in scope).
    host,
    {
      get: (_t, name) => (typeof name === "string" ? target()[name] : undefined),
      set: (_t, name, value) => {
        if (typeof name === "string") target()[name] = String(value);
        return true;
      },
      has: (_t, name) => typeof name === "string" && Object.hasOwn(target(), name),
      deleteProperty: (_t, name) => {
        if (typeof name === "string") delete target()[name];
        return true;
      },
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_t, name) => {
        if (typeof name !== "string" || !Object.hasOwn(target(), name)) return undefined;
        return { value: target()[name], writable: true, enumerable: true, configurable: true };
      },
    },
  );
}

/** Runs `fn` (and everything it starts) with process.env reading `env.vars`. */
export function runWithDeploymentEnv<T>(env: DeploymentEnv, fn: () => T): T {
  installEnvProxy();
  return scope.run(env.vars, fn);
}
