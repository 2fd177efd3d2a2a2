import { describe, expect, it } from "vitest";

import { bytesPerSource, decodeSegment, packageOf } from "../src/source-map-attribution";

describe("decodeSegment", () => {
  it("decodes base64 VLQ fields, signs included", () => {
    expect(decodeSegment("AAAA")).toEqual([0, 0, 0, 0]);
    expect(decodeSegment("CAAC")).toEqual([1, 0, 0, 1]);
    expect(decodeSegment("D")).toEqual([-1]);
    expect(decodeSegment("gB")).toEqual([16]);
  });
});

describe("packageOf", () => {
  it("names the last node_modules package, scoped ones with their scope", () => {
    expect(
      packageOf(
        "turbopack:///[project]/node_modules/.pnpm/next@16.4.6/node_modules/next/dist/client/index.js",
      ),
    ).toBe("next");
    expect(packageOf("[project]/node_modules/.pnpm/x/node_modules/@clerk/react/dist/a.mjs")).toBe(
      "@clerk/react",
    );
  });

  it("names workspace code by its folder", () => {
    expect(packageOf("turbopack:///[project]/packages/ui/src/task-list.tsx")).toBe("packages/ui");
    expect(packageOf("[project]/apps/app-router/app/header.tsx")).toBe("apps/app-router");
    expect(packageOf("[project]/convex/convex/_generated/api.js")).toBe("convex");
  });
});

describe("bytesPerSource", () => {
  it("gives each segment the bytes up to the next one, sections offset by their line", () => {
    // Line 0: "abcdef" — bytes 0-2 from source 0, 3-5 from source 1. Line 1 (a section): "xyz" from its source 0.
    const code = "abcdef\nxyz\n";
    const perSource = bytesPerSource(code, {
      sections: [
        {
          offset: { line: 0, column: 0 },
          map: {
            sources: ["[project]/node_modules/a/i.js", "[project]/packages/ui/src/b.tsx"],
            mappings: "AAAA,GCAA",
          },
        },
        {
          offset: { line: 1, column: 0 },
          map: { sources: ["[project]/node_modules/c/i.js"], mappings: "AAAA" },
        },
      ],
    });
    expect(Object.fromEntries(perSource)).toEqual({
      a: 3,
      "packages/ui": 3,
      c: 3,
      // The two newlines.
      "(unmapped)": 2,
    });
  });
});
