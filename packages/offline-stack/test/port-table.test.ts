// The one port table: no two configurations share a port (a dev server, an e2e run and the benchmark can run side
// by side), and what the README and the apps' scripts say agrees with it.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { PORT_ENV } from "../src/env";
import type { AppPorts, BackendPorts, PortConfiguration } from "../src/ports";
import { PORT_USERS, PORTS } from "../src/ports";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const readme = () => readFileSync(resolve(repoRoot, "README.md"), "utf8");

type Entry = [configuration: PortConfiguration, role: string, port: number];
const entries: Entry[] = Object.entries(PORTS).flatMap(([configuration, ports]) =>
  Object.entries(ports).map(([role, port]): Entry => [
    configuration as PortConfiguration,
    role,
    port,
  ]),
);
const configurations = Object.keys(PORTS) as PortConfiguration[];
const portsOf = (configuration: PortConfiguration): number[] => Object.values(PORTS[configuration]);

describe("the port table", () => {
  it("has no two entries on one port", () => {
    const byPort = new Map<number, string[]>();
    for (const [configuration, role, port] of entries) {
      byPort.set(port, [...(byPort.get(port) ?? []), `${configuration}.${role}`]);
    }
    const shared = [...byPort].filter(([, users]) => users.length > 1);
    expect(shared).toEqual([]);
  });

  it.each(configurations.flatMap((a, i) => configurations.slice(i + 1).map((b) => [a, b])))(
    "%s and %s use disjoint sets of ports",
    (a, b) => {
      const theirs = new Set(portsOf(b));
      expect(portsOf(a).filter((port) => theirs.has(port))).toEqual([]);
    },
  );

  it("holds unprivileged TCP ports only, and says who uses each configuration", () => {
    for (const [, , port] of entries) {
      expect(Number.isInteger(port) && port >= 1024 && port <= 65535, String(port)).toBe(true);
    }
    expect(Object.keys(PORT_USERS).sort()).toEqual([...configurations].sort());
  });
});

const COLUMNS: [keyof (AppPorts & BackendPorts), string][] = [
  ["appRouter", "App Router"],
  ["pagesRouter", "Pages Router"],
  ["convex", "Convex"],
  ["convexSite", "Convex site"],
  ["clerk", "Clerk"],
  ["auth0", "Auth0"],
  ["oidc", "OIDC"],
];
const BEGIN = "<!-- port-table:begin (generated from packages/offline-stack/src/ports.ts) -->";
const END = "<!-- port-table:end -->";

/** The README's port table, laid out as Prettier formats a Markdown table (so `format` stays green). */
function portTableMarkdown(): string {
  const rows = [
    ["Configuration", "Used by", ...COLUMNS.map(([, title]) => title)],
    ...configurations.map((configuration) => {
      const ports: Partial<AppPorts & BackendPorts> = PORTS[configuration];
      return [
        `\`${configuration}\``,
        PORT_USERS[configuration],
        ...COLUMNS.map(([role]) => String(ports[role] ?? "–")),
      ];
    }),
  ];
  const widths = rows[0]?.map((_, column) =>
    Math.max(3, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths?.[column] ?? 0)).join(" | ")} |`;
  const [header, ...body] = rows;
  return [
    line(header ?? []),
    line((widths ?? []).map((width) => "-".repeat(width))),
    ...body.map(line),
  ].join("\n");
}

describe("the README", () => {
  it("lists the port table as generated from it", () => {
    const text = readme();
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    expect(start, `README.md needs a ${BEGIN} … ${END} section`).toBeGreaterThanOrEqual(0);
    const section = text.slice(start + BEGIN.length, end).trim();
    expect(section, "README.md's port table; paste the expected text between its markers").toBe(
      portTableMarkdown(),
    );
  });

  it("names every `pnpm dev` port, and every variable that moves one, under 'Port already in use'", () => {
    // The list item, with its continuation lines.
    const line = readme()
      .split("\n- ")
      .find((item) => item.startsWith("**Port already in use**"));
    expect(line).toBeDefined();
    const listed = /\*\*Port already in use\*\* \(([\d, ]+)\)/.exec(line ?? "")?.[1];
    expect(listed?.split(", ").map(Number)).toEqual(portsOf("dev"));
    for (const name of Object.values(PORT_ENV)) expect(line).toContain(`\`${name}\``);
  });
});

describe("the apps' own scripts", () => {
  it.each([
    ["app-router", PORTS.dev.appRouter],
    ["pages-router", PORTS.dev.pagesRouter],
  ])("%s's dev and start listen on the table's dev port", (app, port) => {
    const { scripts } = JSON.parse(
      readFileSync(resolve(repoRoot, "apps", app, "package.json"), "utf8"),
    ) as { scripts: Record<string, string> };
    for (const script of ["dev", "start"]) {
      expect(scripts[script], `${app}'s ${script}`).toContain(`--port ${port}`);
    }
  });
});
