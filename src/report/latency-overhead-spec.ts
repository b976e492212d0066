/**
 * What each mesh adds to latency over the baseline (no mesh) at the same load: the number a
 * design review asks for, which the absolute curves hide when the application's own latency
 * is much larger than the mesh's.
 */

import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA } from "./_chart-style.js";
import { loadPhrase, meshOrder, seriesLabel, variantLabel, type ChartRun } from "./_chart-data.js";
import { meshColorScale, meshLabel } from "./mesh-style.js";

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
  const colors = meshColorScale(meshOrder(runs).filter((id) => id !== "none"));
  const loads = new Set(values.map((row) => row.rps));
  const tooltip = [
    { field: "series", title: "mesh" },
    { field: "statistic", title: "percentile" },
    { field: "rps", title: "requests/s", format: "," },
    { field: "addedMs", title: "added ms", format: ".3~r" },
    { field: "latencyMs", title: "with the mesh, ms", format: ".3~r" },
    { field: "baselineMs", title: "no mesh, ms", format: ".3~r" },
  ];
  const subtitle = "Each mesh's latency minus the baseline's at the same load; every mesh sees the same requests, so the difference is the mesh's.";
  if (loads.size > 1) {
    const facets = [...new Set(values.map((row) => row.variant))];
    return {
      $schema: VEGA_LITE_SCHEMA,
      title: { text: "Latency each mesh adds, against load", subtitle },
      config: CHART_CONFIG,
      data: { values },
      facet: { row: { field: "statistic", type: "nominal", title: null, header: { labelExpr: "'added ' + datum.value", labelAngle: 0, labelAlign: "left", labelAnchor: "start", labelOrient: "top", labelFontSize: 12.5, labelFontWeight: "bold" } }, ...(facets.length > 1 ? { column: { field: "variant", type: "nominal", title: null } } : {}) },
      spec: {
        width: facets.length > 1 ? Math.round(CHART_WIDTH / Math.min(facets.length, 3)) : CHART_WIDTH,
        height: Math.round(CHART_HEIGHT * 0.6),
        encoding: {
          x: { field: "rps", type: "quantitative", title: "offered load (requests/s)", scale: { zero: false }, axis: { format: ",~f" } },
          y: { field: "addedMs", type: "quantitative", title: "added latency (ms)" },
          color: { field: "mesh", type: "nominal", title: "mesh", scale: colors, legend: { symbolType: "stroke" } },
          detail: { field: "series" },
        },
        layer: [
          { mark: { type: "line", strokeWidth: 2, interpolate: "linear" } },
          { mark: { type: "point", filled: true, size: 28 }, encoding: { tooltip } },
        ],
      },
      resolve: { scale: { y: "independent" } },
    } as TopLevelSpec;
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
