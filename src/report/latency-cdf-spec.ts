/**
 * The latency distribution per mesh as a cumulative distribution with the tail stretched: from
 * the percentiles the results keep (p50, p90, p99, p99.9 and the maximum), not from raw samples.
 */

import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA } from "./_chart-style.js";
import { loadPhrase, logAxisValues, logDomain, meshOrder, seriesLabel, type ChartRun } from "./_chart-data.js";
import { meshColorScale, meshDashScale, meshLabel, meshShapeScale } from "./mesh-style.js";

/**
 * Each point's height is its "nines", -log10(1 - q): p50 at 0.3, p90 at 1, p99 at 2, p99.9 at 3,
 * so every step up the axis is a tail ten times rarer. The maximum is placed where it belongs
 * among n requests, at q = 1 - 1/n.
 * @example latencyCdfSpec(focusRuns(document.runs))
 */
export function latencyCdfSpec(runs: ChartRun[]): TopLevelSpec {
  const values = runs.flatMap((run) => {
    const { latencyMs } = run;
    const completed = Math.max(run.requests.completed, 1);
    const points: [string, number, number][] = [
      ["p50", 0.5, latencyMs.p50],
      ["p90", 0.9, latencyMs.p90],
      ["p99", 0.99, latencyMs.p99],
      ["p99.9", 0.999, latencyMs.p999],
    ];
    // With fewer than 1000 requests the maximum is the p99.9; there is no higher point to plot.
    if (completed > 1000) points.push(["max", 1 - 1 / completed, latencyMs.max]);
    return points.map(([percentile, quantile, ms]) => ({
      mesh: meshLabel(run.mesh),
      series: seriesLabel(run),
      percentile,
      nines: -Math.log10(1 - quantile),
      latencyMs: ms,
    }));
  });
  const colors = meshColorScale(meshOrder(runs));
  const domain = logDomain(values.map((value) => value.latencyMs));
  const x = {
    field: "latencyMs",
    type: "quantitative",
    title: "latency (ms, log scale)",
    scale: { type: "log", domain, nice: false },
    axis: { format: "~r", values: logAxisValues(values.map((value) => value.latencyMs), domain) },
  } as const;
  const y = {
    field: "nines",
    type: "quantitative",
    title: "requests at or below this latency",
    // From just under p50 to just over the highest point: no empty decade above the maximum.
    scale: { domain: [0.2, Number((Math.max(3, ...values.map((value) => value.nines)) + 0.15).toFixed(2))], nice: false },
    axis: { values: [-Math.log10(0.5), 1, 2, 3, 4, 5, 6], labelExpr: "format(100 - 100 * pow(10, -datum.value), '.6~r') + '%'", grid: true },
  } as const;
  const color = { field: "mesh", type: "nominal", title: "mesh", scale: colors } as const;
  // A dash and a marker of its own per mesh, so the curves tell apart without colour.
  const strokeDash = { field: "mesh", type: "nominal", title: "mesh", scale: meshDashScale(meshOrder(runs)) } as const;
  const shape = { field: "mesh", type: "nominal", title: "mesh", scale: meshShapeScale(meshOrder(runs)) } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `Latency distribution ${loadPhrase(runs)}`,
      subtitle: [
        "Share of requests at or below each latency, from the measured p50, p90, p99, p99.9 and maximum.",
        "The vertical scale stretches the tail: each step up is ten times rarer.",
      ],
    },
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values },
    encoding: { x, y, color, detail: { field: "series" } },
    layer: [
      { mark: { type: "line", strokeWidth: 2, interpolate: "linear" }, encoding: { strokeDash } },
      {
        mark: { type: "point", filled: true, size: 40 },
        encoding: {
          shape,
          tooltip: [
            { field: "series", title: "mesh" },
            { field: "percentile", title: "percentile" },
            { field: "latencyMs", title: "ms", format: ".3~r" },
          ],
        },
      },
    ],
  } as TopLevelSpec;
}
