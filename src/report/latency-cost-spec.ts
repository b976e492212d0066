/**
 * Latency against cost, one point per mesh, with the Pareto front marked: the meshes worth
 * considering, since every other one is beaten on both by one of them.
 */

import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA } from "./_chart-style.js";
import { loadPhrase, meshOrder, seriesLabel, variantLabel, type ChartRun } from "./_chart-data.js";
import { meshColorScale, meshLabel, meshShapeScale } from "./mesh-style.js";
import { paretoFront } from "./pareto-front.js";

interface CostAxis {
  key: string;
  title: string;
  cost: (run: ChartRun) => number;
  format: string;
}

/**
 * p99 against the mesh's cost: money per month when the scenario has prices, else two panels,
 * vCPU and memory (data plus control plane). The baseline, which costs nothing, is a line.
 * @example latencyCostSpec(focusRuns(document.runs))
 */
export function latencyCostSpec(runs: ChartRun[]): TopLevelSpec {
  const meshed = runs.filter((run) => run.mesh !== "none");
  const priced = meshed.length > 0 && meshed.every((run) => run.resources.monthlyCost !== undefined);
  const axes: CostAxis[] = priced
    ? [{ key: "money", title: `mesh cost (${meshed[0].resources.monthlyCost!.currency} per month)`, cost: (run) => run.resources.monthlyCost!.total, format: ",.2f" }]
    : [
        { key: "vcpu", title: "mesh vCPU (data + control plane)", cost: (run) => run.resources.dataPlane.vcpu + run.resources.controlPlane.vcpu, format: ".3~r" },
        { key: "memory", title: "mesh memory (MB, data + control plane)", cost: (run) => run.resources.dataPlane.memoryMb + run.resources.controlPlane.memoryMb, format: ",.0f" },
      ];
  const values = axes.flatMap((axis) => {
    const front = new Set(paretoFront(meshed, axis.cost, (run) => run.latencyMs.p99));
    return meshed.map((run) => ({
      axis: axis.key,
      mesh: meshLabel(run.mesh),
      series: seriesLabel(run),
      cost: Number(axis.cost(run).toPrecision(4)),
      p99: run.latencyMs.p99,
      front: front.has(run),
      status: front.has(run) ? "on the front" : "beaten on both",
    }));
  });
  const baselines = runs.filter((run) => run.mesh === "none");
  const baselineP99 = baselines.length === 1 ? baselines[0].latencyMs.p99 : undefined;
  const colors = meshColorScale(meshOrder(meshed));
  const p99s = [...values.map((value) => value.p99), ...(baselineP99 !== undefined ? [baselineP99] : [])];
  const spread = Math.max(...p99s) - Math.min(...p99s);
  const yDomain = [Math.max(0, Math.min(...p99s) - spread * 0.15 - 0.01), Math.max(...p99s) + spread * 0.15 + 0.01].map((v) => Number(v.toPrecision(4)));
  const panel = (axis: CostAxis, index: number) => {
    const x = { field: "cost", type: "quantitative", title: axis.title, scale: { zero: true, nice: true }, axis: { format: axis.format.replace(/\.\d+f$/, "~f") } } as const;
    const y = { field: "p99", type: "quantitative", title: "p99 latency (ms)", scale: { zero: false, domain: yDomain }, axis: index === 0 ? {} : { title: null } } as const;
    const layers: object[] = [
      {
        transform: [{ filter: "datum.front" }],
        mark: { type: "line", color: "#666", strokeDash: [4, 3], strokeWidth: 1.5, interpolate: "step-after" },
        encoding: { x, y, order: { field: "cost", type: "quantitative" } },
      },
      {
        mark: { type: "point", filled: true, stroke: "#222" },
        encoding: {
          x,
          y,
          color: { field: "mesh", type: "nominal", title: "mesh", scale: colors },
          shape: { field: "mesh", type: "nominal", title: "mesh", scale: meshShapeScale(meshOrder(meshed)) },
          size: { field: "status", type: "ordinal", sort: ["on the front", "beaten on both"], scale: { domain: ["on the front", "beaten on both"], range: [150, 45] }, legend: null },
          strokeWidth: { field: "status", type: "ordinal", sort: ["on the front", "beaten on both"], scale: { domain: ["on the front", "beaten on both"], range: [1.2, 0] }, legend: null },
          tooltip: [
            { field: "series", title: "mesh" },
            { field: "cost", title: axis.title, format: axis.format },
            { field: "p99", title: "p99 ms", format: ".3~r" },
            { field: "status", title: "Pareto front" },
          ],
        },
      },
      {
        transform: [{ filter: "datum.front" }],
        mark: { type: "text", align: "left", baseline: "bottom", dx: 6, dy: -6, fontSize: 11, color: "#222" },
        encoding: { x, y, text: { field: "series" } },
      },
    ];
    if (baselineP99 !== undefined) {
      layers.unshift(
        // One-row data: with the chart's data every row would draw its own copy.
        { data: { values: [{}] }, mark: { type: "rule", color: "#333", strokeDash: [1, 3], strokeWidth: 1.5 }, encoding: { y: { datum: baselineP99, type: "quantitative" } } },
        {
          data: { values: [{}] },
          mark: { type: "text", align: "right", baseline: "bottom", dy: -3, fontSize: 10.5, color: "#333" },
          encoding: { x: { value: (CHART_WIDTH / axes.length) - 30 }, y: { datum: baselineP99, type: "quantitative" }, text: { value: `no mesh: p99 ${formatP99(baselineP99)} ms` } },
        },
      );
    }
    return {
      transform: [{ filter: `datum.axis === '${axis.key}'` }],
      width: Math.round(CHART_WIDTH / axes.length) - 20,
      height: CHART_HEIGHT,
      layer: layers,
    };
  };
  const variants = new Set(runs.map(variantLabel));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `Latency against cost ${loadPhrase(meshed)}`,
      subtitle: [
        "Lower left is better. Named points are the Pareto front (joined by the dashed line): no other mesh beats them on both.",
        ...(variants.size > 1 ? ["Each --set combination is a separate option."] : []),
      ],
    },
    config: CHART_CONFIG,
    data: { values },
    hconcat: axes.map(panel),
    resolve: { scale: { y: "shared" } },
  } as unknown as TopLevelSpec;
}

// --- internal ---

function formatP99(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toPrecision(3);
}
