import { describe, expect, it } from "vitest";

import { formatKb, formatMs, formatRatio, percentile, ratio, summarize } from "../src/stats";

describe("percentile", () => {
  it("interpolates between closest ranks", () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 0.95)).toBeCloseTo(48);
  });

  it("does not depend on input order and clamps q", () => {
    expect(percentile([5, 1, 3], 0.5)).toBe(3);
    expect(percentile([5, 1, 3], 2)).toBe(5);
    expect(percentile([5, 1, 3], -1)).toBe(1);
  });

  it("is NaN without samples", () => {
    expect(percentile([], 0.5)).toBeNaN();
    expect(summarize([]).count).toBe(0);
  });

  it("summarizes", () => {
    expect(summarize([4, 2, 6])).toEqual({ count: 3, p50: 4, p95: 5.8, min: 2, max: 6, mean: 4 });
  });
});

describe("ratios and formatting", () => {
  it("formats Pages/App", () => {
    expect(formatRatio(150, 100)).toBe("1.50×");
    expect(formatRatio(50, 100)).toBe("0.50×");
    expect(ratio(3, 2)).toBe(1.5);
  });

  it("says n/a when a side is missing or zero", () => {
    expect(formatRatio(1, 0)).toBe("n/a");
    expect(formatRatio(Number.NaN, 1)).toBe("n/a");
    expect(ratio(1, 0)).toBeNull();
  });

  it("formats units", () => {
    expect(formatMs(3.14159)).toBe("3.1 ms");
    expect(formatMs(123.6)).toBe("124 ms");
    expect(formatKb(2048)).toBe("2.0 kB");
  });
});
