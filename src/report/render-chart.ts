/**
 * Turns a vega-lite spec into SVG (vega's headless view, no browser) and SVG into PNG (resvg,
 * with the system's fonts: without fonts resvg silently drops every piece of text).
 */

import { renderAsync } from "@resvg/resvg-js";
import type { TopLevelSpec } from "vega-lite";
import { textWidth } from "./_text-width.js";

/** The font resvg falls back to; .ci/run installs it (Debian package fonts-dejavu-core). */
export const PNG_FONT_FAMILY = "DejaVu Sans";

/** PNGs are drawn at twice the SVG's size: sharp on high-density screens and in slides. */
export const PNG_SCALE = 2;

export interface RenderOptions {
  /** Receives vega-lite's and vega's warnings (unknown fields, empty scales) instead of the console. */
  onWarning?: (message: string) => void;
}

/**
 * The chart as an SVG document.
 * @throws Error when vega-lite cannot compile the spec
 * @example const svg = await renderChartSvg(latencyVsLoadSpec(runs))
 */
export async function renderChartSvg(spec: TopLevelSpec, options: RenderOptions = {}): Promise<string> {
  const [vega, { compile }] = await loadChartModules();
  // Errors still throw; warnings and errors logged along the way go to onWarning, never the console.
  const logger = vega.logger(vega.Warn, undefined, (_method: string, _level: string, input: readonly unknown[]) =>
    options.onWarning?.(input.map(String).join(" ")),
  );
  // Lay text out with the PNG font's real widths (vl-convert does the same), not vega's guess.
  (vega as unknown as { textMetrics: { width: typeof measureText } }).textMetrics.width = measureText;
  const compiled = compile(spec, { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none", logger, logLevel: vega.Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Starts loading vega and vega-lite now, for a report drawn later (a run's, after its
 * simulation): about half a second of loading then overlaps the simulation instead of following it.
 */
export function preloadChartRenderer(): void {
  // A failure is the first chart's to report.
  loadChartModules().catch(() => {});
}

/**
 * An SVG drawn as PNG bytes at `scale` times its size, with the system's fonts. resvg draws it on
 * one of libuv's threads, so a report's charts are drawn side by side, and beside vega laying out
 * the next one: drawn one after another here they took about a second of robot-shop's report.
 * @example writeFileSync("chart.png", await renderChartPng(svg))
 */
export async function renderChartPng(svg: string, scale = PNG_SCALE): Promise<Uint8Array> {
  const image = await renderAsync(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: PNG_FONT_FAMILY },
    background: "white",
  });
  return image.asPng();
}

// --- internal ---

let chartModules: Promise<[typeof import("vega"), typeof import("vega-lite")]> | undefined;

/**
 * vega and vega-lite, loaded on the first chart (or preloadChartRenderer): vega alone takes about
 * half a second to load, which every command paid at start-up, charts or not.
 */
function loadChartModules(): Promise<[typeof import("vega"), typeof import("vega-lite")]> {
  return (chartModules ??= Promise.all([import("vega"), import("vega-lite")]));
}

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

/** Vega's text-width hook: DejaVu Sans widths, capped at the item's limit as vega truncates there. */
function measureText(item: TextItem, text: unknown): number {
  const line = text == null ? "" : String(text).trim();
  const bold = item.fontWeight === "bold" || Number(item.fontWeight) >= 600;
  const width = textWidth(line, item.fontSize ?? 11, bold);
  return item.limit !== undefined && item.limit > 0 ? Math.min(width, item.limit) : width;
}
