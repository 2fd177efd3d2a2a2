import { describe, expect, it } from "vitest";

import { END, replaceSummary, START } from "../src/readme-summary";

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
