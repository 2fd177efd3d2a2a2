// A hand-written grouped bar chart: one panel per metric, App Router and Pages Router bars side by side, the
// Pages/App ratio at the right. Pure string building, unit-tested.
import { formatRatio } from "./stats";

export interface ChartRow {
  label: string;
  app: number | null;
  pages: number | null;
}

export interface Panel {
  title: string;
  unit: string;
  rows: ChartRow[];
}

const WIDTH = 920;
const LABEL_W = 170;
const RATIO_W = 90;
const BAR_AREA = WIDTH - LABEL_W - RATIO_W - 30;
const BAR_H = 14;
const ROW_GAP = 10;
const PANEL_TITLE_H = 28;
const PANEL_GAP = 18;
const COLORS = { app: "#2563eb", pages: "#ea580c" } as const;

export function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

function formatValue(value: number, unit: string): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

function bar(x: number, y: number, value: number | null, max: number, color: string, unit: string) {
  if (value === null || !Number.isFinite(value)) {
    return `<text x="${x}" y="${y + BAR_H - 3}" class="value">n/a</text>`;
  }
  const width = max > 0 ? Math.max(1, (value / max) * BAR_AREA) : 1;
  return (
    `<rect x="${x}" y="${y}" width="${width.toFixed(1)}" height="${BAR_H}" fill="${color}" rx="2"/>` +
    `<text x="${(x + width + 5).toFixed(1)}" y="${y + BAR_H - 3}" class="value">${escapeXml(formatValue(value, unit))}</text>`
  );
}

function panelHeight(panel: Panel): number {
  return PANEL_TITLE_H + panel.rows.length * (2 * BAR_H + ROW_GAP);
}

export function renderChart(title: string, subtitle: string, panels: Panel[]): string {
  const headerH = 70;
  const height = headerH + panels.reduce((sum, panel) => sum + panelHeight(panel) + PANEL_GAP, 0);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif">`,
    "<style>.title{font-size:18px;font-weight:600}.sub{font-size:11px;fill:#555}.panel{font-size:13px;font-weight:600}" +
      ".label{font-size:12px}.value{font-size:11px;fill:#333}.ratio{font-size:12px;font-weight:600}</style>",
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="16" y="26" class="title">${escapeXml(title)}</text>`,
    `<text x="16" y="44" class="sub">${escapeXml(subtitle)}</text>`,
    `<rect x="16" y="52" width="12" height="10" fill="${COLORS.app}"/><text x="32" y="61" class="sub">App Router</text>`,
    `<rect x="110" y="52" width="12" height="10" fill="${COLORS.pages}"/><text x="126" y="61" class="sub">Pages Router</text>`,
    `<text x="${WIDTH - 16}" y="61" class="sub" text-anchor="end">ratio = Pages/App</text>`,
  ];
  let y = headerH;
  for (const panel of panels) {
    parts.push(`<text x="16" y="${y + 18}" class="panel">${escapeXml(panel.title)}</text>`);
    const values = panel.rows.flatMap((row) => [row.app, row.pages]);
    const max = Math.max(0, ...values.filter((v): v is number => v !== null && Number.isFinite(v)));
    let rowY = y + PANEL_TITLE_H;
    for (const row of panel.rows) {
      const x = LABEL_W;
      parts.push(
        `<text x="${LABEL_W - 8}" y="${rowY + BAR_H + 4}" class="label" text-anchor="end">${escapeXml(row.label)}</text>`,
        bar(x, rowY, row.app, max, COLORS.app, panel.unit),
        bar(x, rowY + BAR_H, row.pages, max, COLORS.pages, panel.unit),
        `<text x="${WIDTH - 16}" y="${rowY + BAR_H + 4}" class="ratio" text-anchor="end">${escapeXml(
          formatRatio(row.pages ?? Number.NaN, row.app ?? Number.NaN),
        )}</text>`,
      );
      rowY += 2 * BAR_H + ROW_GAP;
    }
    y += panelHeight(panel) + PANEL_GAP;
  }
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}
