// Rendering: the SVG carries axis titles and a legend, and the PNG really has text in it
// (resvg draws no text at all when it finds no fonts, and says nothing).

import { Resvg } from "@resvg/resvg-js";
import { beforeAll, describe, expect, it } from "vitest";
import { latencyVsLoadSpec, PNG_FONT_FAMILY, renderChartPng, renderChartSvg } from "../../src/report/index.js";
import { reportDocument } from "../fixtures/report-document.js";

const stripText = (svg: string) => svg.replace(/<text\b[^>]*>[\s\S]*?<\/text>/g, "");
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

describe("renderChartSvg and renderChartPng", () => {
  const document = reportDocument();
  const warnings: string[] = [];
  let svg = "";
  beforeAll(async () => {
    svg = await renderChartSvg(latencyVsLoadSpec(document.runs, { slo: document.sweep!.slo, capacity: document.sweep!.capacity }), {
      onWarning: (message) => warnings.push(message),
    });
  });

  it("renderChartSvg(spec) gives an SVG with axis titles, a legend and no warnings", () => {
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain(">offered load (requests/s)</text>");
    expect(svg).toContain(">latency (ms, log scale)</text>");
    expect(svg).toContain("role-legend");
    for (const label of ["no mesh", "Istio", "Linkerd 2", "p50", "p99"]) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain("SLO: p99 &lt; 40 ms");
    expect(warnings).toEqual([]);
  });

  it("renderChartPng(svg) draws the text: the PNG differs from the same chart with its text removed", async () => {
    const png = await renderChartPng(svg);
    expect([...png.subarray(0, 4)]).toEqual(PNG_SIGNATURE);
    expect(Buffer.compare(Buffer.from(png), Buffer.from(await renderChartPng(stripText(svg))))).not.toBe(0);
  });

  it("the text check above would catch missing fonts: without fonts resvg draws no text at all", () => {
    const options = { fitTo: { mode: "zoom" as const, value: 1 }, font: { loadSystemFonts: false, fontFiles: [] } };
    const withText = new Resvg(svg, options).render().pixels;
    const withoutText = new Resvg(stripText(svg), options).render().pixels;
    expect(Buffer.compare(withText, withoutText)).toBe(0);
  });

  it("renderChartPng draws off this thread the same bytes resvg draws on it, with the system's fonts", async () => {
    const options = { fitTo: { mode: "zoom" as const, value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: PNG_FONT_FAMILY }, background: "white" };
    const onThisThread = new Resvg(svg, options).render().asPng();
    expect(Buffer.compare(Buffer.from(await renderChartPng(svg)), Buffer.from(onThisThread))).toBe(0);
  });

  it("renderChartPng draws at twice the SVG's size", async () => {
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    const pngWidth = Buffer.from(await renderChartPng(svg)).readUInt32BE(16);
    expect(pngWidth).toBe(width * 2);
  });
});
