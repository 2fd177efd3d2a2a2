import { describe, expect, it } from "vitest";

import { escapeXml, renderChart } from "../src/svg-chart";

const panels = [
  {
    title: "Full response p50",
    unit: "ms",
    rows: [
      { label: "preloaded", app: 40, pages: 20 },
      { label: "<auth>", app: 10, pages: null },
    ],
  },
];

describe("renderChart", () => {
  const svg = renderChart("Title", "machine & date", panels);

  it("is one SVG document with two bars per measured value", () => {
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    // 2 legend swatches + background + 3 bars (one side is missing).
    expect(svg.match(/<rect /g)).toHaveLength(6);
    expect(svg).toContain("n/a");
  });

  it("scales bars to the panel's largest value and prints the ratio", () => {
    expect(svg).toMatch(/width="630\.0" height="14" fill="#2563eb"/);
    expect(svg).toMatch(/width="315\.0" height="14" fill="#ea580c"/);
    expect(svg).toContain("0.50×");
  });

  it("escapes text", () => {
    expect(svg).toContain("&lt;auth&gt;");
    expect(svg).toContain("machine &amp; date");
    expect(escapeXml(`"a" < b`)).toBe("&quot;a&quot; &lt; b");
  });
});
