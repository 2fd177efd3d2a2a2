// Summary statistics and ratio formatting: pure, unit-tested.

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

/** The q-quantile (0..1) by linear interpolation between closest ranks; NaN for no samples. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] ?? Number.NaN;
  const high = sorted[upper] ?? Number.NaN;
  return low + (high - low) * (position - lower);
}

export function summarize(values: readonly number[]): Summary {
  const count = values.length;
  return {
    count,
    p50: percentile(values, 0.5),
    p95: percentile(values, 0.95),
    min: count === 0 ? Number.NaN : Math.min(...values),
    max: count === 0 ? Number.NaN : Math.max(...values),
    mean: count === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / count,
  };
}

/** Pages/App as "1.23×"; "n/a" when either side is missing or the base is zero. */
export function formatRatio(pages: number, app: number): string {
  if (!Number.isFinite(pages) || !Number.isFinite(app) || app === 0) return "n/a";
  return `${(pages / app).toFixed(2)}×`;
}

export function ratio(pages: number, app: number): number | null {
  if (!Number.isFinite(pages) || !Number.isFinite(app) || app === 0) return null;
  return pages / app;
}

/** Milliseconds with a precision that suits their size. */
export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

export function formatKb(bytes: number): string {
  if (!Number.isFinite(bytes)) return "n/a";
  return `${(bytes / 1024).toFixed(1)} kB`;
}
