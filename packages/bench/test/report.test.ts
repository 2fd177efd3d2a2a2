import { describe, expect, it } from "vitest";

import { toMarkdown, ttfbBreakdown } from "../src/report";
import { sampleResults } from "./results-fixture";

describe("ttfbBreakdown", () => {
  it("steps from the floor's control to the app's control to /preloaded, with each step's increase", () => {
    const lines = ttfbBreakdown(sampleResults()).split("\n");
    expect(lines[2]).toBe("| Floor control (bare page, per request) | 20 ms | 10 ms |");
    expect(lines[3]).toBe(
      "| `/control` (+ layout and middleware) | 30 ms (+10 ms) | 30 ms (+20 ms) |",
    );
    expect(lines[4]).toBe(
      "| `/preloaded` (+ Convex query and its rendering) | 60 ms (+30 ms) | 45 ms (+15 ms) |",
    );
  });

  it("says n/a for a step the run lacks", () => {
    const results = sampleResults();
    results.server = results.server.filter((pair) => pair.path !== "floor:/control");
    expect(ttfbBreakdown(results)).toContain("| 30 ms (n/a) |");
  });
});

describe("toMarkdown", () => {
  const markdown = toMarkdown(sampleResults());

  it("states the commit in full and the machine", () => {
    expect(markdown).toContain(
      "Measured commit 0123456789ab + uncommitted changes (dirty) (`0123456789abcdef0123456789abcdef01234567`).",
    );
    expect(markdown).toContain("on Test CPU (2 cores)");
  });

  it("prints the goals table and the floor with absolute bytes", () => {
    expect(markdown).toContain("## Goals");
    expect(markdown).toContain("| Floor (bare App Router page) | 134,900 B |");
  });

  it("splits Clerk's runtime scripts by package", () => {
    expect(markdown).toContain("| preloaded | clerk-js (gzip) | 87.9 kB | 87.9 kB | 1.00× |");
    expect(markdown).toContain("| preloaded | @clerk/ui (gzip) | 39.1 kB | 39.1 kB | 1.00× |");
  });
});
