/**
 * The service graphs of a report as chart files (charts/service-graph-<series>.svg and .png), one
 * per compared run that reports telemetry, beside the other charts: the same drawing report.html
 * shows inline.
 */

import { focusRuns, seriesLabel, type ChartRun } from "./_chart-data.js";
import type { ReportDocument } from "./report-document.js";
import { renderServiceGraphSvg } from "./service-graph-svg.js";

/** File name stem every service-graph chart starts with (stale ones are found by it). */
export const SERVICE_GRAPH_PREFIX = "service-graph-";

export interface ServiceGraphChart {
  /** File name stem: charts/<name>.svg, .png. */
  name: string;
  title: string;
  svg: string;
}

/**
 * One chart per run at the compared load that carries a service graph, in the report's order.
 * @example serviceGraphCharts(document).map((chart) => chart.name) // ["service-graph-istio", "service-graph-linkerd-2"]
 */
export function serviceGraphCharts(document: ReportDocument): ServiceGraphChart[] {
  const focus = focusRuns(document.runs).filter((run: ChartRun) => run.telemetry !== undefined);
  const used = new Set<string>();
  return focus.map((run) => {
    const label = seriesLabel(run);
    let name = `${SERVICE_GRAPH_PREFIX}${slug(label)}`;
    // Two labels may share a slug (only punctuation apart): number the later ones.
    for (let n = 2; used.has(name); n++) name = `${SERVICE_GRAPH_PREFIX}${slug(label)}-${n}`;
    used.add(name);
    return { name, title: `Service graph, ${label}`, svg: renderServiceGraphSvg(run.telemetry!.graph, label) };
  });
}

// --- internal ---

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "run";
}
