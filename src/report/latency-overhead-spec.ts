/**
 * What each mesh adds to latency over the baseline (no mesh) at the same load: the number a
 * design review asks for, which the absolute curves hide when the application's own latency
 * is much larger than the mesh's.
 */

import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA } from "./_chart-style.js";
import { loadLabel, loadPhrase, meshOrder, seriesLabel, variantLabel, type ChartRun } from "./_chart-data.js";
import { addedLatency, formatAdded } from "./added-latency.js";
import { meshColorScale, meshDashScale, meshLabel, meshShapeScale } from "./mesh-style.js";

/**
 * Rows of added latency, each with its 95% interval (`lowMs`..`highMs`, paired over the
 * replications as the decision summary's; null with one replication); empty when there is no
 * baseline run to compare with.
 */
export function latencyOverheadRows(runs: ChartRun[]) {
  const baseline = new Map(runs.filter((run) => run.mesh === "none").map((run) => [`${variantLabel(run)}@${run.rps}`, run]));
  return runs
    .filter((run) => run.mesh !== "none" && baseline.has(`${variantLabel(run)}@${run.rps}`))
    .flatMap((run) => {
      const base = baseline.get(`${variantLabel(run)}@${run.rps}`)!;
      return (["p50", "p99"] as const).map((statistic) => {
        const added = addedLatency(run.latencyMs, base.latencyMs, statistic);
        const half = added.halfWidthMs;
        return {
          mesh: meshLabel(run.mesh),
          series: seriesLabel(run),
          variant: variantLabel(run),
          rps: run.rps,
          load: loadLabel(run),
          statistic,
          addedMs: rounded(added.ms),
          lowMs: half === null ? null : rounded(added.ms - half),
          highMs: half === null ? null : rounded(added.ms + half),
          // As the terminal's decision summary says it: "+2.40 ±0.51", "≈0 (±2.3)", "+0.45 ?".
          label: formatAdded(added),
          // Where a bar's label goes: past its whisker.
          labelAtMs: rounded(half === null ? added.ms : Math.max(added.ms, added.ms + half)),
          latencyMs: run.latencyMs[statistic],
          baselineMs: base.latencyMs[statistic],
        };
      });
    });
}

/**
 * Added p50 and p99 (ms) per mesh: lines against load when the runs have several loads, else
 * bars at the one load. Needs runs of the baseline `none` at the same loads.
 * @example latencyOverheadSpec(document.runs)
 */
export function latencyOverheadSpec(runs: ChartRun[]): TopLevelSpec {
  const values = latencyOverheadRows(runs);
  const meshed = meshOrder(runs).filter((id) => id !== "none");
  const colors = meshColorScale(meshed);
  const loads = new Set(values.map((row) => row.rps));
  const tooltip = [
    { field: "series", title: "mesh" },
    { field: "statistic", title: "percentile" },
    { field: "load", title: "load" },
    { field: "label", title: "added ms (95% interval)" },
    { field: "latencyMs", title: "with the mesh, ms", format: ".3~r" },
    { field: "baselineMs", title: "no mesh, ms", format: ".3~r" },
  ];
  const subtitle = [
    "Each mesh's latency minus the baseline's at the same load; every mesh sees the same requests, so the difference is the mesh's.",
    noiseNote(values),
  ];
  if (loads.size > 1) {
    const facets = [...new Set(values.map((row) => row.variant))];
    const width = facets.length > 1 ? Math.round(CHART_WIDTH / Math.min(facets.length, 3)) : CHART_WIDTH;
    // One panel per percentile, each with its own scale: p50 adds tenths of a ms where p99 adds tens.
    const panel = (statistic: "p50" | "p99") => {
      const layers = {
        encoding: {
          x: { field: "rps", type: "quantitative", title: "offered load (requests/s)", scale: { zero: false }, axis: { format: ",~f", tickCount: 8 } },
          y: { field: "addedMs", type: "quantitative", ...addedScale(values.filter((row) => row.statistic === statistic), statistic) },
          color: { field: "mesh", type: "nominal", title: "mesh", scale: colors },
          detail: { field: "series" },
        },
        // A dash and a marker of its own per mesh, so the lines tell apart without colour.
        layer: [
          { mark: { type: "line", strokeWidth: 2, interpolate: "linear" }, encoding: { strokeDash: { field: "mesh", type: "nominal", title: "mesh", scale: meshDashScale(meshed) } } },
          // Each point's 95% interval; rows without one (one replication) draw none.
          {
            mark: { type: "rule", strokeWidth: 1.5, opacity: 0.6 },
            encoding: { x: { field: "whiskerRps", type: "quantitative" }, y: { field: "lowMs", type: "quantitative" }, y2: { field: "highMs" } },
          },
          { mark: { type: "point", filled: true, size: 40 }, encoding: { shape: { field: "mesh", type: "nominal", title: "mesh", scale: meshShapeScale(meshed) }, tooltip } },
        ],
      };
      const filter = { filter: `datum.statistic === '${statistic}'` };
      const title = { text: `added ${statistic}`, fontSize: 12.5, anchor: "start" };
      return facets.length > 1
        ? { title, transform: [filter], facet: { column: { field: "variant", type: "nominal", title: null, sort: facets } }, spec: { width, height: Math.round(CHART_HEIGHT * 0.6), ...layers } }
        : { title, transform: [filter], width, height: Math.round(CHART_HEIGHT * 0.6), ...layers };
    };
    return {
      $schema: VEGA_LITE_SCHEMA,
      title: { text: "Latency each mesh adds, against load", subtitle },
      config: CHART_CONFIG,
      data: { values: withWhiskerLoads(values, meshed.map(meshLabel)) },
      vconcat: [panel("p50"), panel("p99")],
      resolve: { scale: { y: "independent" } },
    } as unknown as TopLevelSpec;
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: `Latency each mesh adds ${loadPhrase(runs.filter((run) => run.mesh !== "none"))}`, subtitle },
    config: CHART_CONFIG,
    data: { values },
    hconcat: (["p50", "p99"] as const).map((statistic) => ({
      title: { text: `added ${statistic}`, fontSize: 12.5, anchor: "middle" },
      transform: [{ filter: `datum.statistic === '${statistic}'` }],
      width: Math.round(CHART_WIDTH / 2) - 20,
      height: { step: 20 },
      encoding: {
        y: { field: "series", type: "nominal", title: null, sort: null, axis: statistic === "p50" ? {} : null },
        // Few ticks: half the chart's width, and the whiskers widen the domain.
        x: { field: "addedMs", type: "quantitative", title: `added ${statistic} latency (ms)`, axis: { tickCount: 5 } },
        color: { field: "mesh", type: "nominal", title: "mesh", scale: colors, legend: null },
      },
      layer: [
        { mark: { type: "bar", height: { band: 0.7 } }, encoding: { tooltip } },
        // The 95% interval across the bar's end; a whisker that crosses zero is noise.
        { mark: { type: "rule", strokeWidth: 1.5, color: "#333" }, encoding: { x: { field: "lowMs", type: "quantitative" }, x2: { field: "highMs" }, color: { value: "#333" } } },
        {
          mark: { type: "text", align: "left", dx: 4, fontSize: 11, color: "#333" },
          encoding: { x: { field: "labelAtMs", type: "quantitative" }, text: { field: "label" }, color: { value: "#333" } },
        },
      ],
    })),
  } as unknown as TopLevelSpec;
}

// --- internal ---

/** What the whiskers are, or why there are none. */
function noiseNote(rows: ReturnType<typeof latencyOverheadRows>): string {
  if (rows.some((row) => row.lowMs !== null)) {
    return "Whiskers: each difference's 95% interval, paired over the replications; one that crosses zero is noise, not the mesh's cost.";
  }
  return "One replication: no interval to tell a difference from noise (run --replications 2 or more); a jagged added p99 is sampling noise in the tail.";
}

/**
 * The rows with where each whisker stands on the load axis: its point's load, moved a little
 * per mesh (a fraction of the loads' range) so that the meshes' whiskers at one load sit side
 * by side rather than on top of each other.
 */
function withWhiskerLoads(rows: ReturnType<typeof latencyOverheadRows>, meshes: string[]) {
  const loads = rows.map((row) => row.rps);
  const step = (Math.max(...loads) - Math.min(...loads)) * WHISKER_SPACING;
  const middle = (meshes.length - 1) / 2;
  return rows.map((row) => ({ ...row, whiskerRps: row.rps + (meshes.indexOf(row.mesh) - middle) * step }));
}

/** Whiskers of neighbouring meshes at one load lie this share of the loads' range apart. */
const WHISKER_SPACING = 0.008;

/** Every value a panel's axis must show: differences and their intervals' ends. */
function extents(rows: ReturnType<typeof latencyOverheadRows>): number[] {
  return rows.flatMap((row) => (row.lowMs === null || row.highMs === null ? [row.addedMs] : [row.addedMs, row.lowMs, row.highMs]));
}

/** Four significant digits: what a tooltip and the data in a spec need. */
function rounded(ms: number): number {
  return Number(ms.toPrecision(4));
}

/** Values spanning more than this ratio (largest to a typical small one) get a log-like axis. */
const SPREAD_FOR_LOG = 30;

/**
 * The y scale and axis for added latencies: linear, or symlog (linear near zero, logarithmic
 * beyond; it takes zero and the small negative differences noise gives) when one mesh adds
 * far more than the others, with 1-2-5 ticks because symlog's own ticks are linear. The
 * differences choose the scale; the ticks reach their intervals' ends too.
 */
function addedScale(rows: ReturnType<typeof latencyOverheadRows>, statistic: string) {
  const magnitudes = rows.map((row) => Math.abs(row.addedMs)).filter((value) => value > 0).sort((a, b) => a - b);
  const small = magnitudes[Math.floor(magnitudes.length * 0.1)] ?? 0;
  const values = extents(rows);
  const largest = Math.max(0, ...values);
  if (largest === 0 || (magnitudes.at(-1) ?? 0) / small <= SPREAD_FOR_LOG) return { title: `added ${statistic} latency (ms)` };
  const constant = Number(small.toPrecision(1));
  const lowest = Math.min(0, ...values);
  const ticks = [0, ...[1, 2, 5].flatMap((digit) => [-3, -2, -1, 0, 1, 2, 3, 4].map((power) => digit * 10 ** power))]
    .map((tick) => Number(tick.toPrecision(1)))
    // Only ticks inside the data's range: a tick value outside the domain is still laid out,
    // above the plot, and pushes the panel's title away.
    .filter((tick) => tick === 0 || (tick >= constant && tick <= largest))
    .sort((a, b) => a - b);
  const negatives = lowest < 0 ? ticks.filter((tick) => tick > 0 && tick <= -lowest).map((tick) => -tick) : [];
  return {
    title: `added ${statistic} latency (ms, log scale)`,
    scale: { type: "symlog", constant },
    axis: { values: [...negatives.reverse(), ...ticks], format: "~r" },
  };
}
