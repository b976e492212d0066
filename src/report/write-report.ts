/**
 * Writes a report folder: charts/<name>.vl.json (opens in the Vega editor), .svg and .png for
 * every chart, the service graphs of runs with telemetry as charts/service-graph-<series>.svg and
 * .png, and report.html, all or none (one OutputBatch). The only file in report/ besides
 * writeFileAtomic and the output batch that touches the disk.
 */

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CHART_NAMES, reportCharts } from "./report-charts.js";
import type { ReportDocument } from "./report-document.js";
import { renderReportHtml, type RenderedChart } from "./report-html.js";
import { VEGA_RUNTIME_FILES } from "./report-interactive.js";
import { renderChartPng, renderChartSvg } from "./render-chart.js";
import { OutputBatch, withOutputBatch } from "./output-batch.js";
import { SERVICE_GRAPH_PREFIX, serviceGraphCharts } from "./service-graph-charts.js";

export interface WrittenReport {
  /** Path of report.html. */
  htmlPath: string;
  /** Every file written, report.html last. */
  files: string[];
}

/**
 * Renders and writes the report for `document` into `folder` (created if needed). Charts a
 * previous report left there that this one does not have are removed, so the folder never
 * mixes two runs. With `batch`, the files are staged in it for the caller to commit with its
 * other outputs; without, they are committed together before it returns.
 * @throws Error when a chart cannot be rendered (a bug); OutputError when a file cannot be written
 *   (nothing of the report is left); OutputCancelledError when the batch's signal fires
 * @example const { htmlPath } = await writeReport("out/robot-shop", document)
 */
export async function writeReport(folder: string, document: ReportDocument, batch?: OutputBatch): Promise<WrittenReport> {
  if (batch === undefined) return withOutputBatch(undefined, (own) => writeReport(folder, document, own));
  const charts = reportCharts(document);
  const files: string[] = [];
  const rendered: RenderedChart[] = [];
  // Every PNG is drawn on a thread of its own while this one lays out the next chart; each is
  // staged, in order, once all are drawn.
  const pngs: Array<{ path: string; bytes: Promise<Uint8Array> }> = [];
  const drawPng = (path: string, svg: string) => pngs.push({ path, bytes: settledLater(renderChartPng(svg)) });
  for (const chart of charts) {
    const svg = await renderChartSvg(chart.spec);
    const stem = join(folder, "charts", chart.name);
    batch.stage(`${stem}.vl.json`, `${JSON.stringify(chart.spec, null, 2)}\n`);
    batch.stage(`${stem}.svg`, svg);
    drawPng(`${stem}.png`, svg);
    files.push(`${stem}.vl.json`, `${stem}.svg`, `${stem}.png`);
    rendered.push({ name: chart.name, title: chart.title, svg, spec: chart.spec });
    // Laying out never waits on I/O, so without this a Ctrl-C would wait for the whole report:
    // let it in between charts (the batch then stops and removes what it staged).
    await new Promise((resolve) => setImmediate(resolve));
  }
  for (const name of CHART_NAMES.filter((known) => !charts.some((chart) => chart.name === known))) {
    for (const extension of [".vl.json", ".svg", ".png"]) batch.removeAtCommit(join(folder, "charts", `${name}${extension}`));
  }
  const graphs = serviceGraphCharts(document);
  for (const stale of staleGraphs(join(folder, "charts"), new Set(graphs.map((graph) => graph.name)))) batch.removeAtCommit(stale);
  for (const graph of graphs) {
    const stem = join(folder, "charts", graph.name);
    batch.stage(`${stem}.svg`, graph.svg);
    drawPng(`${stem}.png`, graph.svg);
    files.push(`${stem}.svg`, `${stem}.png`);
  }
  for (const png of pngs) batch.stage(png.path, await png.bytes);
  const htmlPath = join(folder, "report.html");
  batch.stage(htmlPath, renderReportHtml(document, rendered, { runtime: readVegaRuntime() }));
  files.push(htmlPath);
  return { htmlPath, files };
}

// --- internal ---

/**
 * `drawing`, with its failure held until awaited: when the batch stops (Ctrl-C, a full disk)
 * before the PNGs are awaited, one that fails meanwhile must not end the process as an
 * unhandled rejection.
 */
function settledLater(drawing: Promise<Uint8Array>): Promise<Uint8Array> {
  drawing.catch(() => {});
  return drawing;
}

/** Service-graph files an earlier report left in `charts` that this one does not write. */
function staleGraphs(charts: string, kept: Set<string>): string[] {
  if (!existsSync(charts)) return [];
  return readdirSync(charts)
    .filter((file) => file.startsWith(SERVICE_GRAPH_PREFIX) && /\.(svg|png)$/.test(file) && !kept.has(file.replace(/\.(svg|png)$/, "")))
    .map((file) => join(charts, file));
}

/**
 * The vega, vega-lite and vega-embed builds this package depends on, joined, for report.html to
 * inline: the page then draws its charts live with nothing fetched.
 * @throws Error when a build holds "</script", which would end the inline element early
 */
function readVegaRuntime(): string {
  return VEGA_RUNTIME_FILES.map((file) => {
    const [name] = file.split("/");
    // Each package's entry sits in its build folder, beside the minified browser build.
    const path = join(dirname(fileURLToPath(import.meta.resolve(name))), basename(file));
    const text = readFileSync(path, "utf8");
    if (text.includes("</script")) throw new Error(`${path} holds </script and cannot be inlined`);
    return text;
  }).join("\n;\n");
}
