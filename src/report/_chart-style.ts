/**
 * What every chart shares: fonts (DejaVu Sans first, the font the PNG renderer is given),
 * sizes, a light grid, titles anchored left like a slide's.
 */

import type { Config } from "vega-lite";

/** The vega-lite schema the specs declare, so the JSON files open in the Vega editor. */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** Font stack: the first is installed for PNG rendering; browsers fall back along the list. */
export const CHART_FONT = "DejaVu Sans, Verdana, Helvetica, Arial, sans-serif";

/** Plot area of a single chart, px. */
export const CHART_WIDTH = 620;
export const CHART_HEIGHT = 340;

export const CHART_CONFIG: Config = {
  font: CHART_FONT,
  background: "white",
  padding: 16,
  title: { fontSize: 16, anchor: "start", offset: 14, subtitleFontSize: 12, subtitleColor: "#555", subtitlePadding: 6 },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: "normal",
    titleColor: "#222",
    labelColor: "#333",
    gridColor: "#ebebeb",
    domainColor: "#999",
    tickColor: "#999",
    titlePadding: 10,
    labelLimit: 280,
  },
  legend: { labelFontSize: 11.5, titleFontSize: 12, titleFontWeight: "normal", titleColor: "#222", labelLimit: 260, symbolStrokeWidth: 2.5 },
  header: { labelFontSize: 12, titleFontSize: 12 },
  view: { stroke: "#dddddd" },
};

/** Colour of SLO lines and markers: a red that reads as "limit" without shouting. */
export const SLO_COLOR = "#c0392b";
