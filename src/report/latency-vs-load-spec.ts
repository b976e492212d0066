/**
 * Latency percentiles against load, one colour per mesh: the curve that shows where each mesh's
 * tail bends upward. With an SLO, its bound as a line and each mesh's highest load within it.
 */

import type { TopLevelSpec } from "vega-lite";
import type { OverloadedPoint, SloCapacity, Slo } from "../sweep/index.js";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, SLO_COLOR, VEGA_LITE_SCHEMA } from "./_chart-style.js";
import { formatRps, loadLabel, logAxisValues, logDomain, meshOrder, seriesLabel, variantLabel, type ChartRun } from "./_chart-data.js";
import { meshColorScale, meshLabel, meshShapeScale } from "./mesh-style.js";

export interface LatencyVsLoadOptions {
  /** Draws the SLO's bound and adds its statistic's curve. */
  slo?: Slo;
  /** Marks each mesh's highest load within the SLO (and lists them under the title). */
  capacity?: SloCapacity[];
  /** Loads that were not simulated: a dotted line at the lowest one per mesh. */
  overloaded?: OverloadedPoint[];
}

type Statistic = "p50" | "p90" | "p99" | "p999" | "mean";

const STATISTIC_LABELS: Record<Statistic, string> = { p50: "p50", p90: "p90", p99: "p99", p999: "p99.9", mean: "mean" };
const STATISTIC_DASHES: Record<Statistic, number[]> = { p50: [1, 0], p90: [8, 3, 2, 3], p99: [6, 3], p999: [2, 3], mean: [1, 3] };

/**
 * p50 and p99 (and the SLO's statistic) against offered load, per mesh, on a log latency
 * scale; one panel per `--set` combination in a sweep.
 * @example latencyVsLoadSpec(document.runs, { slo, capacity })
 */
export function latencyVsLoadSpec(runs: ChartRun[], options: LatencyVsLoadOptions = {}): TopLevelSpec {
  const statistics: Statistic[] = ["p50", "p99"];
  if (options.slo && !statistics.includes(options.slo.statistic)) statistics.push(options.slo.statistic);
  const ordered = statistics.sort((a, b) => ["p50", "mean", "p90", "p99", "p999"].indexOf(a) - ["p50", "mean", "p90", "p99", "p999"].indexOf(b));
  const curves = runs.flatMap((run) =>
    ordered.map((statistic) => ({
      kind: "curve",
      mesh: meshLabel(run.mesh),
      series: seriesLabel(run),
      variant: variantLabel(run),
      rps: run.rps,
      load: loadLabel(run),
      statistic: STATISTIC_LABELS[statistic],
      latencyMs: run.latencyMs[statistic],
    })),
  );
  const capacityMarks = (options.capacity ?? [])
    .filter((entry) => entry.maxRps !== null && entry.valueMs !== null)
    .map((entry) => ({
      kind: "capacity",
      mesh: meshLabel(entry.mesh),
      variant: variantLabel(entry),
      rps: entry.maxRps,
      latencyMs: entry.valueMs,
      note: `${meshLabel(entry.mesh)}: ${formatRps(entry.maxRps!)} requests/s`,
    }));
  const overloadMarks = overloadLines(options.overloaded ?? [], new Set(runs.map((run) => run.mesh)).size);
  const variants = [...new Set(runs.map(variantLabel))];
  // One definition for every layer: differing legend settings would make vega-lite merge them with a warning.
  const color = { field: "mesh", type: "nominal", title: "mesh", scale: meshColorScale(meshOrder(runs)) } as const;
  // A marker of its own on every mesh's points, so the curves tell apart without colour.
  const shape = { field: "mesh", type: "nominal", title: "mesh", scale: meshShapeScale(meshOrder(runs)) } as const;
  const x = { field: "rps", type: "quantitative", title: "offered load (requests/s)", scale: { zero: false, nice: true }, axis: { format: ",~f", tickMinStep: 1, tickCount: 8 } } as const;
  const domain = logDomain([...curves.map((row) => row.latencyMs), ...(options.slo ? [options.slo.thresholdMs] : [])]);
  const y = {
    field: "latencyMs",
    type: "quantitative",
    title: "latency (ms, log scale)",
    scale: { type: "log", domain, nice: false },
    axis: { format: "~r", values: logAxisValues(curves.map((row) => row.latencyMs), domain) },
  } as const;
  const tooltip = [
    { field: "series", title: "mesh" },
    { field: "statistic", title: "percentile" },
    { field: "load", title: "load" },
    { field: "latencyMs", title: "ms", format: ".3~r" },
  ];

  const layers: object[] = [
    {
      transform: [{ filter: "datum.kind === 'curve'" }],
      mark: { type: "line", strokeWidth: 2, interpolate: "linear" },
      encoding: {
        x,
        y,
        color,
        strokeDash: { field: "statistic", type: "nominal", title: "percentile", scale: { domain: ordered.map((s) => STATISTIC_LABELS[s]), range: ordered.map((s) => STATISTIC_DASHES[s]) }, legend: { symbolType: "stroke", symbolSize: 400 } },
        detail: { field: "series" },
      },
    },
    {
      transform: [{ filter: "datum.kind === 'curve'" }],
      mark: { type: "point", filled: true, size: 40 },
      encoding: { x, y, color, shape, tooltip },
    },
  ];
  if (options.slo) {
    const bound = `SLO: ${STATISTIC_LABELS[options.slo.statistic]} ${options.slo.inclusive ? "≤" : "<"} ${options.slo.thresholdMs} ms`;
    // Aggregated to one row (per panel): with every data row, the line and label would be drawn once per row.
    const oneRow = [{ aggregate: [{ op: "count", as: "rows" }] }];
    layers.push(
      { transform: oneRow, mark: { type: "rule", color: SLO_COLOR, strokeDash: [5, 4], strokeWidth: 1.5 }, encoding: { y: { datum: options.slo.thresholdMs, type: "quantitative" } } },
      {
        transform: oneRow,
        mark: { type: "text", color: SLO_COLOR, align: "left", baseline: "bottom", dx: 4, dy: -4, fontSize: 11.5, fontWeight: "bold" },
        encoding: { x: { value: 0 }, y: { datum: options.slo.thresholdMs, type: "quantitative" }, text: { value: bound } },
      },
    );
  }
  if (capacityMarks.length > 0) {
    layers.push({
      transform: [{ filter: "datum.kind === 'capacity'" }],
      mark: { type: "point", shape: "diamond", filled: true, size: 170, stroke: "black", strokeWidth: 1, opacity: 1 },
      encoding: {
        x,
        y,
        color,
        tooltip: [{ field: "note", title: "highest load within the SLO" }, { field: "latencyMs", title: "ms", format: ".3~r" }],
      },
    });
  }

  if (overloadMarks.length > 0) {
    layers.push(
      {
        transform: [{ filter: "datum.kind === 'overload'" }],
        mark: { type: "rule", color: "#555", strokeDash: [2, 3], strokeWidth: 1.5 },
        encoding: { x: { field: "rps", type: "quantitative" } },
      },
      {
        transform: [{ filter: "datum.kind === 'overload'" }],
        mark: { type: "text", color: "#444", align: "right", baseline: "top", angle: 0, dx: -4, dy: 4, fontSize: 11 },
        encoding: { x: { field: "rps", type: "quantitative" }, y: { value: 0 }, text: { field: "note" } },
      },
    );
  }

  const subtitle = [
    "Latency as the load generator sees it, from each request's intended send time.",
    ...capacityLines(options.capacity ?? []),
  ];
  const title = { text: "Latency against load", subtitle };
  const data = { values: [...curves, ...capacityMarks, ...overloadMarks] };
  if (variants.length > 1) {
    return {
      $schema: VEGA_LITE_SCHEMA,
      title,
      config: CHART_CONFIG,
      data,
      facet: { column: { field: "variant", type: "nominal", title: null, sort: variants } },
      spec: { width: Math.round(CHART_WIDTH / Math.min(variants.length, 3)), height: CHART_HEIGHT, layer: layers },
      resolve: { scale: { y: "shared" } },
    } as TopLevelSpec;
  }
  return { $schema: VEGA_LITE_SCHEMA, title, config: CHART_CONFIG, width: CHART_WIDTH, height: CHART_HEIGHT, data, layer: layers } as TopLevelSpec;
}

// --- internal ---

/** Capacity entries listed per line under the title (the markers can sit on top of each other). */
const CAPACITIES_PER_LINE = 5;

function capacityLines(capacity: SloCapacity[]): string[] {
  if (capacity.length === 0) return [];
  const entries = capacity.map((entry) => {
    const variant = variantLabel(entry);
    const name = `${meshLabel(entry.mesh)}${variant ? ` (${variant})` : ""}`;
    return entry.maxRps === null ? `${name} none` : `${name} ${formatRps(entry.maxRps)}`;
  });
  const lines: string[] = [];
  for (let index = 0; index < entries.length; index += CAPACITIES_PER_LINE) lines.push(entries.slice(index, index + CAPACITIES_PER_LINE).join(" · "));
  lines[0] = `◆ Highest load within the SLO (requests/s): ${lines[0]}`;
  return lines;
}

/**
 * A dotted line at the lowest load each mesh was overloaded at (per --set combination), naming
 * the meshes unless it is every mesh of the chart.
 */
function overloadLines(overloaded: OverloadedPoint[], meshCount: number) {
  const lowest = new Map<string, { mesh: string; variant: string; rps: number }>();
  for (const point of overloaded) {
    const key = `${point.mesh}|${variantLabel(point)}`;
    if (!lowest.has(key) || lowest.get(key)!.rps > point.rps) lowest.set(key, { mesh: point.mesh, variant: variantLabel(point), rps: point.rps });
  }
  const lines = new Map<string, { variant: string; rps: number; meshes: string[] }>();
  for (const { mesh, variant, rps } of lowest.values()) {
    const key = `${variant}|${rps}`;
    lines.set(key, { variant, rps, meshes: [...(lines.get(key)?.meshes ?? []), mesh] });
  }
  return [...lines.values()].map(({ variant, rps, meshes }) => ({
    kind: "overload",
    variant,
    rps,
    note: `${meshes.length === meshCount ? "" : `${meshes.map(meshLabel).join(", ")}: `}overloaded from ${formatRps(rps)}`,
  }));
}
