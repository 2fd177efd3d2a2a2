import { describe, expect, it } from "vitest";

import { END, readmeSummary, replaceSummary, START } from "../src/readme-summary";
import { sampleResults } from "./results-fixture";

describe("replaceSummary", () => {
  const readme = `# Title\n\nBefore.\n\n${START}\nold numbers\n${END}\n\nAfter.\n`;

  it("replaces only what is between the markers, keeping them", () => {
    const next = replaceSummary(readme, `${START}\nnew numbers\n${END}`);
    expect(next).toBe(`# Title\n\nBefore.\n\n${START}\nnew numbers\n${END}\n\nAfter.\n`);
  });

  it("refuses a README without the section instead of appending somewhere", () => {
    expect(() => replaceSummary("# Title\n", `${START}\nx\n${END}`)).toThrow(
      /no <!-- bench:results:start -->/,
    );
    expect(() => replaceSummary(`${END}\n${START}\n`, "x")).toThrow();
  });
});

describe("readmeSummary", () => {
  const summary = readmeSummary(sampleResults());

  it("states the commit measured, dirty or not", () => {
    expect(summary).toContain("commit 0123456789ab + uncommitted changes (dirty)");
  });

  it("prints the goals next to the figures", () => {
    expect(summary).toContain("| `/preloaded` Next chunks (gzip) | 200,000 B (missed) |");
    expect(summary).toContain("≤ 1.40× (App), ≤ 1.55× (Pages)");
    expect(summary).toContain("< 50 ms");
  });
});
