// The self-hosting compose files against what they and the README claim: valid Compose (the specification's schema,
// and `docker compose config` where the plugin exists), images pinned, ports on loopback by default, the Postgres
// variant wired as Convex's guide says.
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";

import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import {
  COMPOSE_FILES,
  interpolateDefaults,
  readCompose,
  schemaErrors,
  selfHostedDir,
} from "../src/compose";

interface Service {
  image?: string;
  ports?: string[];
  environment?: string[];
  depends_on?: Record<string, { condition: string }>;
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const resolved = (file: string): ComposeFile =>
  parse(interpolateDefaults(readCompose(file).text, { POSTGRES_PASSWORD: "pw" })) as ComposeFile;

const envOf = (service: Service | undefined): Record<string, string> =>
  Object.fromEntries(
    (service?.environment ?? []).map((line) => {
      const at = line.indexOf("=");
      return [line.slice(0, at), line.slice(at + 1)];
    }),
  );

describe.each(COMPOSE_FILES)("%s", (file) => {
  it("is valid against the Compose Specification's schema, as written and interpolated", () => {
    expect(schemaErrors(readCompose(file).document)).toEqual([]);
    expect(schemaErrors(resolved(file))).toEqual([]);
  });

  it("pins every image to a version (no floating tag)", () => {
    const images = Object.values(resolved(file).services).flatMap((service) =>
      service.image === undefined ? [] : [service.image],
    );
    for (const image of images) {
      const tag = image.split(":").at(-1) ?? "";
      expect(image, image).toMatch(/:[^/]+$/);
      expect(tag, image).not.toBe("latest");
      // A release commit (Convex's images) or a minor.patch version.
      expect(tag, image).toMatch(/^([0-9a-f]{40}|\d+\.\d+(\.\d+)?(-[a-z0-9]+)?)$/);
    }
  });
});

describe("the schema check", () => {
  it("rejects what docker compose rejects (the validator is live)", () => {
    expect(
      schemaErrors({
        services: { backend: { image: "x", depends_on: { db: { condition: "whenever" } } } },
      }),
    ).not.toEqual([]);
    expect(schemaErrors({ servces: {} })).toContain("/ must NOT have additional properties");
    expect(schemaErrors({ services: { backend: { imagee: "x" } } })).not.toEqual([]);
  });

  it("interpolation: defaults, required values, literal $", () => {
    expect(interpolateDefaults("${A:-x}|${B-y}|${C}|$$D", {})).toBe("x|y||$D");
    expect(interpolateDefaults("${P:?set P}", { P: "pw" })).toBe("pw");
    expect(() => interpolateDefaults("${P:?set P}")).toThrow("P is required");
  });
});

describe("docker-compose.yml (SQLite)", () => {
  const { services, volumes } = resolved("docker-compose.yml");
  const { backend, dashboard } = services;

  it("runs Convex's backend and dashboard images, the data in a named volume", () => {
    expect(backend?.image).toMatch(/^ghcr\.io\/get-convex\/convex-backend:/);
    expect(dashboard?.image).toMatch(/^ghcr\.io\/get-convex\/convex-dashboard:/);
    expect(volumes).toHaveProperty("data");
    expect(readCompose("docker-compose.yml").document).toMatchObject({
      services: { backend: { volumes: ["data:/convex/data"] } },
    });
    expect(dashboard?.depends_on).toEqual({ backend: { condition: "service_healthy" } });
  });

  it("listens on 127.0.0.1 unless told otherwise, on Convex's ports", () => {
    expect(backend?.ports).toEqual(["127.0.0.1:3210:3210", "127.0.0.1:3211:3211"]);
    expect(dashboard?.ports).toEqual(["127.0.0.1:6791:6791"]);
  });

  it("the dashboard reaches the backend at the URL clients use", () => {
    expect(envOf(backend).CONVEX_CLOUD_ORIGIN).toBe("http://127.0.0.1:3210");
    expect(envOf(backend).CONVEX_SITE_ORIGIN).toBe("http://127.0.0.1:3211");
    expect(envOf(dashboard).NEXT_PUBLIC_DEPLOYMENT_URL).toBe(envOf(backend).CONVEX_CLOUD_ORIGIN);
  });
});

describe("docker-compose.postgres.yml", () => {
  const { services, volumes } = resolved("docker-compose.postgres.yml");

  it("gives the backend a Postgres server URL without the database, which is convex_self_hosted", () => {
    const url = new URL(envOf(services.backend).POSTGRES_URL ?? "");
    expect(url.protocol).toBe("postgresql:");
    expect(url.host).toBe("postgres:5432");
    expect(url.pathname).toBe("");
    expect(envOf(services.postgres).POSTGRES_DB).toBe("convex_self_hosted");
    expect(services.backend?.depends_on).toEqual({ postgres: { condition: "service_healthy" } });
    expect(volumes).toHaveProperty("pgdata");
  });

  it("refuses to start without a Postgres password", () => {
    expect(() => interpolateDefaults(readCompose("docker-compose.postgres.yml").text)).toThrow(
      "POSTGRES_PASSWORD is required",
    );
  });
});

// The real validator, where the Compose plugin is installed (not on this project's CI, which has no Docker).
const compose = spawnSync("docker", ["compose", "version"], { encoding: "utf8" });
const hasCompose = compose.status === 0;
describe.skipIf(!hasCompose)(
  `docker compose config${hasCompose ? "" : " (skipped: no `docker compose` plugin on this machine)"}`,
  () => {
    it.each([
      ["docker-compose.yml", ["docker-compose.yml"]],
      ["docker-compose.yml + docker-compose.postgres.yml", [...COMPOSE_FILES]],
    ])("accepts %s", (_name, files) => {
      execFileSync(
        "docker",
        ["compose", ...files.flatMap((f) => ["-f", join(selfHostedDir, f)]), "config", "-q"],
        {
          env: { ...process.env, POSTGRES_PASSWORD: "pw" },
        },
      );
    });
  },
);
