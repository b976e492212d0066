/**
 * What each mesh adds to latency over the baseline (no mesh) at the same load: the number a
 * design review asks for, which the absolute curves hide when the application's own latency
 * is much larger than the mesh's.
 */

import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA } from "./_chart-style.js";
import { loadLabel, loadPhrase, meshOrder, seriesLabel, variantLabel, type ChartRun } from "./_chart-data.js";
import { formatMs } from "./format-number.js";
import { meshColorScale, meshDashScale, meshLabel, meshShapeScale } from "./mesh-style.js";

/** Rows of added latency; empty when there is no baseline run to compare with. */
export function latencyOverheadRows(runs: ChartRun[]) {
  const baseline = new Map(runs.filter((run) => run.mesh === "none").map((run) => [`${variantLabel(run)}@${run.rps}`, run]));
  return runs
    .filter((run) => run.mesh !== "none" && baseline.has(`${variantLabel(run)}@${run.rps}`))
    .flatMap((run) => {
      const base = baseline.get(`${variantLabel(run)}@${run.rps}`)!;
      return (["p50", "p99"] as const).map((statistic) => ({
        mesh: meshLabel(run.mesh),
        series: seriesLabel(run),
        variant: variantLabel(run),
        rps: run.rps,
        load: loadLabel(run),
        statistic,
        addedMs: Number((run.latencyMs[statistic] - base.latencyMs[statistic]).toPrecision(4)),
        latencyMs: run.latencyMs[statistic],
        baselineMs: base.latencyMs[statistic],
      }));
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
    { field: "addedMs", title: "added ms", format: ".3~r" },
    { field: "latencyMs", title: "with the mesh, ms", format: ".3~r" },
    { field: "baselineMs", title: "no mesh, ms", format: ".3~r" },
  ];
  const subtitle = [
    "Each mesh's latency minus the baseline's at the same load; every mesh sees the same requests, so the difference is the mesh's.",
    noiseNote(runs),
  ];
  if (loads.size > 1) {
    const facets = [...new Set(values.map((row) => row.variant))];
    const width = facets.length > 1 ? Math.round(CHART_WIDTH / Math.min(facets.length, 3)) : CHART_WIDTH;
    // One panel per percentile, each with its own scale: p50 adds tenths of a ms where p99 adds tens.
    const panel = (statistic: "p50" | "p99") => {
      const layers = {
        encoding: {
          x: { field: "rps", type: "quantitative", title: "offered load (requests/s)", scale: { zero: false }, axis: { format: ",~f", tickCount: 8 } },
          y: { field: "addedMs", type: "quantitative", ...addedScale(values.filter((row) => row.statistic === statistic).map((row) => row.addedMs), statistic) },
          color: { field: "mesh", type: "nominal", title: "mesh", scale: colors },
          detail: { field: "series" },
        },
        // A dash and a marker of its own per mesh, so the lines tell apart without colour.
        layer: [
          { mark: { type: "line", strokeWidth: 2, interpolate: "linear" }, encoding: { strokeDash: { field: "mesh", type: "nominal", title: "mesh", scale: meshDashScale(meshed) } } },
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
      data: { values },
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
        x: { field: "addedMs", type: "quantitative", title: `added ${statistic} latency (ms)` },
        color: { field: "mesh", type: "nominal", title: "mesh", scale: colors, legend: null },
      },
      layer: [
        { mark: { type: "bar", height: { band: 0.7 } }, encoding: { tooltip } },
        { mark: { type: "text", align: "left", dx: 4, fontSize: 11, color: "#333" }, encoding: { text: { field: "addedMs", type: "quantitative", format: ".3~r" }, color: { value: "#333" } } },
      ],
    })),
  } as unknown as TopLevelSpec;
}

// --- internal ---

/**
 * Why added p99 wiggles, with the baseline's own p99 spread between replications (median
 * half-width of its 95% intervals) for scale. Differences between meshes vary much less than
 * that (common random numbers), so it is a scale, not a threshold.
 */
function noiseNote(runs: ChartRun[]): string {
  const halfWidths = runs
    .filter((run) => run.mesh === "none" && run.latencyMs.ci95?.p99)
    .map((run) => (run.latencyMs.ci95!.p99![1] - run.latencyMs.ci95!.p99![0]) / 2)
    .sort((a, b) => a - b);
  if (halfWidths.length === 0) return "A jagged added p99 is sampling noise in the tail (one replication: no interval to judge it by); read the trend.";
  const median = halfWidths[Math.floor(halfWidths.length / 2)];
  return `A jagged added p99 is sampling noise in the tail (the baseline's own p99 moves by ±${formatMs(median)} ms between replications); read the trend.`;
}

/** Values spanning more than this ratio (largest to a typical small one) get a log-like axis. */
const SPREAD_FOR_LOG = 30;

/**
 * The y scale and axis for added latencies: linear, or symlog (linear near zero, logarithmic
 * beyond; it takes zero and the small negative differences noise gives) when one mesh adds
 * far more than the others, with 1-2-5 ticks because symlog's own ticks are linear.
 */
function addedScale(values: number[], statistic: string) {
  const magnitudes = values.map(Math.abs).filter((value) => value > 0).sort((a, b) => a - b);
  const largest = magnitudes.at(-1) ?? 0;
  const small = magnitudes[Math.floor(magnitudes.length * 0.1)] ?? 0;
  if (largest === 0 || largest / small <= SPREAD_FOR_LOG) return { title: `added ${statistic} latency (ms)` };
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
