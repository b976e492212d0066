import { describe, expect, it } from "vitest";
import { renderChartSvg, reportCharts } from "../../src/report/index.js";
import { failingDocument, reportDocument, runDocument } from "../fixtures/report-document.js";

describe("reportCharts", () => {
  it("a document with several loads, a baseline and meshes gets every chart", () => {
    expect(reportCharts(reportDocument()).map((chart) => chart.name)).toEqual([
      "latency-vs-load",
      "latency-overhead",
      "latency-cdf",
      "hop-breakdown",
      "resource-cost",
      "latency-cost",
      "request-types",
    ]);
  });

  it("one load: no curve against load; the per-load charts use that load", () => {
    const document = runDocument();
    document.runs = document.runs.filter((run) => run.rps === 200);
    const charts = reportCharts(document);
    expect(charts.map((chart) => chart.name)).not.toContain("latency-vs-load");
    expect(JSON.stringify(charts.find((chart) => chart.name === "latency-cdf")!.spec)).toContain("at 200 requests/s");
  });

  it("the baseline alone: no overhead, cost or Pareto charts", () => {
    const document = runDocument();
    document.runs = document.runs.filter((run) => run.mesh === "none");
    expect(reportCharts(document).map((chart) => chart.name)).toEqual(["latency-vs-load", "latency-cdf", "hop-breakdown", "request-types"]);
  });

  it("the per-load charts compare meshes at the highest load they all ran", () => {
    const document = runDocument();
    document.runs = document.runs.filter((run) => !(run.mesh === "istio" && run.rps === 300));
    const cdf = reportCharts(document).find((chart) => chart.name === "latency-cdf")!;
    expect(JSON.stringify(cdf.spec)).toContain("at 200 requests/s");
  });

  it("every chart of the fixture renders without warnings", async () => {
    const warnings: string[] = [];
    for (const chart of reportCharts(reportDocument())) await renderChartSvg(chart.spec, { onWarning: (message) => warnings.push(`${chart.name}: ${message}`) });
    expect(warnings).toEqual([]);
  });
});

describe("reportCharts: one legend of the meshes where lines or points stand for them", () => {
  it.each(["latency-vs-load", "latency-overhead", "latency-cdf", "latency-cost"])("%s draws a mesh legend with every mesh's marker", async (name) => {
    const chart = reportCharts(reportDocument()).find((candidate) => candidate.name === name)!;
    const svg = await renderChartSvg(chart.spec);
    const legend = svg.slice(svg.indexOf('class="mark-group role-legend"'));
    expect(legend.length).toBeGreaterThan(0);
    for (const mesh of name === "latency-overhead" || name === "latency-cost" ? ["Istio", "Linkerd 2"] : ["no mesh", "Istio", "Linkerd 2"]) expect(legend).toContain(`>${mesh}</text>`);
  });
});

describe("reportCharts with a mesh that fails every request", () => {
  const charts = reportCharts(failingDocument());

  it.each(charts.map((chart) => [chart.name, chart]))("%s leaves it out of its data and legends and names it under the title", (_name, chart) => {
    const text = JSON.stringify(chart.spec);
    const subtitle = (chart.spec as { title: { subtitle: string[] } }).title.subtitle;
    expect(subtitle).toContain("Not shown, failing: Linkerd 2 at 100, 200, 300 requests/s: every request failed (mtls-plaintext-refused)");
    const withoutTitle = JSON.stringify({ ...chart.spec, title: undefined });
    expect(withoutTitle).not.toContain("Linkerd 2");
    expect(text).toContain("Istio");
  });
});
