/**
 * The charts of a report, chosen for what the results hold: curves against load need several
 * loads, "what each mesh adds" needs the baseline, cost charts need a mesh.
 */

import type { TopLevelSpec } from "vega-lite";
import { describeFailure, failingRuns, type RunFailure } from "../runner/index.js";
import { focusRuns, formatRps, seriesLabel, type ChartRun } from "./_chart-data.js";
import { hopBreakdownSpec } from "./hop-breakdown-spec.js";
import { latencyCdfSpec } from "./latency-cdf-spec.js";
import { latencyCostSpec } from "./latency-cost-spec.js";
import { latencyOverheadRows, latencyOverheadSpec } from "./latency-overhead-spec.js";
import { latencyVsLoadSpec } from "./latency-vs-load-spec.js";
import { nodeCpuSpec } from "./node-cpu-spec.js";
import type { ReportDocument } from "./report-document.js";
import { requestTypesSpec } from "./request-types-spec.js";
import { resourceCostSpec } from "./resource-cost-spec.js";
import { latencyOverTimeSpec, replicasOverTimeSpec, throughputOverTimeSpec } from "./timeline-spec.js";
import { zoneTrafficSpec } from "./zone-traffic-spec.js";
import { clusterTrafficSpec } from "./cluster-traffic-spec.js";

export interface ReportChart {
  /** File name stem: charts/<name>.vl.json, .svg, .png. */
  name: string;
  /** One line for the report's contents and the figure's label. */
  title: string;
  spec: TopLevelSpec;
}

/** Every chart name a report may write, in report order (stale ones are removed on rewrite). */
export const CHART_NAMES = ["latency-vs-load", "latency-overhead", "latency-cdf", "hop-breakdown", "resource-cost", "node-cpu", "latency-cost", "zone-traffic", "request-types", "latency-over-time", "throughput-over-time", "replicas-over-time"] as const;

/**
 * The charts for a document, in report order.
 * @example reportCharts(document).map((chart) => chart.name)
 */
export function reportCharts(document: ReportDocument): ReportChart[] {
  // A run that fails requests has no latency or cost to compare (what is not served costs
  // nothing): the charts leave it out and say so under their titles, legends included.
  const failing = failingRuns(document.runs);
  const runs = document.runs.filter((run) => !failing.has(run));
  const notes = notShownNotes(failing);
  const steady = runs.length === 0 ? [] : chartsOf(document, runs).map((chart) => ({ ...chart, spec: withSubtitle(chart.spec, notes) }));
  return [...steady, ...overTimeCharts(document.runs)];
}

/**
 * The lines under each chart's title naming the failing runs it leaves out, one per series.
 * @example notShownNotes(failingRuns(runs)) // ["Not shown, failing: OSM at 100, 300 requests/s: every request failed (mtls-plaintext-refused)"]
 */
export function notShownNotes(failing: Map<ChartRun, RunFailure>): string[] {
  const bySeries = new Map<string, number[]>();
  for (const [run, failure] of failing) {
    const key = `${seriesLabel(run)}\u0000${describeFailure(failure)}`;
    bySeries.set(key, [...(bySeries.get(key) ?? []), run.rps]);
  }
  return [...bySeries].map(([key, loads]) => {
    const [series, failure] = key.split("\u0000");
    return `Not shown, failing: ${series} at ${loads.map(formatRps).join(", ")} requests/s: ${failure}`;
  });
}

// --- internal ---

/**
 * Latency and throughput over time, failing runs included: what an event does to the requests
 * (an outage's failures, a restart's resets) is what these charts are for. They come after the
 * steady-state charts.
 */
function overTimeCharts(runs: ChartRun[]): ReportChart[] {
  const focus = focusRuns(runs).filter((run) => run.timeline !== undefined);
  if (focus.length === 0) return [];
  return [
    { name: "latency-over-time", title: "Latency over time", spec: latencyOverTimeSpec(focus) },
    { name: "throughput-over-time", title: "Throughput over time", spec: throughputOverTimeSpec(focus) },
    ...(focus.some((run) => run.timeline!.some((entry) => entry.replicas !== undefined)) ? [{ name: "replicas-over-time", title: "Replicas over time", spec: replicasOverTimeSpec(focus) }] : []),
  ];
}

function chartsOf(document: ReportDocument, runs: ChartRun[]): ReportChart[] {
  const focus = focusRuns(runs);
  const meshed = focus.filter((run) => run.mesh !== "none");
  const charts: ReportChart[] = [];
  if (new Set(runs.map((run) => run.rps)).size > 1) {
    const sweep = document.sweep;
    charts.push({ name: "latency-vs-load", title: "Latency against load", spec: latencyVsLoadSpec(runs, { slo: sweep?.slo, capacity: sweep?.capacity, overloaded: sweep?.overloaded }) });
  }
  if (latencyOverheadRows(runs).length > 0) charts.push({ name: "latency-overhead", title: "Latency each mesh adds", spec: latencyOverheadSpec(runs) });
  charts.push({ name: "latency-cdf", title: "Latency distribution", spec: latencyCdfSpec(focus) });
  if (focus.some((run) => run.hops.length > 0)) charts.push({ name: "hop-breakdown", title: "Where a request's time goes", spec: hopBreakdownSpec(focus) });
  if (meshed.length > 0) {
    charts.push({ name: "resource-cost", title: "What each mesh costs", spec: resourceCostSpec(focus) });
    if (focus.some((run) => run.nodes !== undefined)) charts.push({ name: "node-cpu", title: "Who uses each node's cores", spec: nodeCpuSpec(focus) });
    charts.push({ name: "latency-cost", title: "Latency against cost", spec: latencyCostSpec(focus) });
  }
  if (focus.some((run) => run.zoneTraffic !== undefined)) charts.push({ name: "zone-traffic", title: "Traffic between zones", spec: zoneTrafficSpec(focus) });
  if (focus.some((run) => run.clusterTraffic !== undefined)) charts.push({ name: "cluster-traffic", title: "Traffic between clusters", spec: clusterTrafficSpec(focus) });
  if (new Set(focus.flatMap((run) => Object.keys(run.byRequestType))).size > 1) charts.push({ name: "request-types", title: "p99 by request type", spec: requestTypesSpec(focus) });
  return charts;
}

/** The spec with `notes` added under its title. */
function withSubtitle(spec: TopLevelSpec, notes: string[]): TopLevelSpec {
  const title = (spec as { title?: unknown }).title;
  if (title === undefined || notes.length === 0) return spec;
  if (typeof title === "string" || Array.isArray(title)) return { ...spec, title: { text: title, subtitle: notes } } as TopLevelSpec;
  const { subtitle } = title as { subtitle?: string | string[] };
  const lines = subtitle === undefined ? [] : Array.isArray(subtitle) ? subtitle : [subtitle];
  return { ...spec, title: { ...(title as object), subtitle: [...lines, ...notes] } } as TopLevelSpec;
}
