/**
 * Writes a report folder: charts/<name>.vl.json (opens in the Vega editor), .svg and .png for
 * every chart, and report.html. The only file in report/ besides writeFileAtomic that touches
 * the disk.
 */

import { rmSync } from "node:fs";
import { join } from "node:path";
import { CHART_NAMES, reportCharts } from "./report-charts.js";
import type { ReportDocument } from "./report-document.js";
import { renderReportHtml, type RenderedChart } from "./report-html.js";
import { renderChartPng, renderChartSvg } from "./render-chart.js";
import { writeFileAtomic } from "./write-file-atomic.js";

export interface WrittenReport {
  /** Path of report.html. */
  htmlPath: string;
  /** Every file written, report.html last. */
  files: string[];
}

/**
 * Renders and writes the report for `document` into `folder` (created if needed). Charts a
 * previous report left there that this one does not have are removed, so the folder never
 * mixes two runs.
 * @throws Error when a chart cannot be rendered (a bug) or a file cannot be written
 * @example const { htmlPath } = await writeReport("out/robot-shop", document)
 */
export async function writeReport(folder: string, document: ReportDocument): Promise<WrittenReport> {
  const charts = reportCharts(document);
  const files: string[] = [];
  const rendered: RenderedChart[] = [];
  for (const chart of charts) {
    const svg = await renderChartSvg(chart.spec);
    const stem = join(folder, "charts", chart.name);
    writeFileAtomic(`${stem}.vl.json`, `${JSON.stringify(chart.spec, null, 2)}\n`);
    writeFileAtomic(`${stem}.svg`, svg);
    writeFileAtomic(`${stem}.png`, renderChartPng(svg));
    files.push(`${stem}.vl.json`, `${stem}.svg`, `${stem}.png`);
    rendered.push({ name: chart.name, title: chart.title, svg });
  }
  for (const name of CHART_NAMES.filter((known) => !charts.some((chart) => chart.name === known))) {
    for (const extension of [".vl.json", ".svg", ".png"]) rmSync(join(folder, "charts", `${name}${extension}`), { force: true });
  }
  const htmlPath = join(folder, "report.html");
  writeFileAtomic(htmlPath, renderReportHtml(document, rendered));
  files.push(htmlPath);
  return { htmlPath, files };
}
