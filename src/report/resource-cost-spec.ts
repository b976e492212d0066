/**
 * What each mesh costs to run: vCPU and memory of its data plane and control plane, and money
 * per month when the scenario gives prices.
 */

import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG, CHART_WIDTH, VEGA_LITE_SCHEMA } from "./_chart-style.js";
import { loadPhrase, seriesLabel, seriesOrder, type ChartRun } from "./_chart-data.js";

const PLANE_COLORS = { domain: ["data plane", "control plane"], range: ["#4e79a7", "#a0cbe8"] };

/**
 * Stacked bars per mesh (data plane, control plane) in panels of vCPU, memory and, with
 * prices, money per month. The baseline costs nothing and is left out.
 * @example resourceCostSpec(focusRuns(document.runs))
 */
export function resourceCostSpec(runs: ChartRun[]): TopLevelSpec {
  const meshed = runs.filter((run) => run.mesh !== "none");
  const priced = meshed.length > 0 && meshed.every((run) => run.resources.monthlyCost !== undefined);
  const currency = priced ? meshed[0].resources.monthlyCost!.currency : "";
  const values = meshed.flatMap((run) => {
    const { dataPlane, controlPlane, monthlyCost } = run.resources;
    return [
      { series: seriesLabel(run), plane: "data plane", vcpu: dataPlane.vcpu, memoryMb: dataPlane.memoryMb, money: monthlyCost?.dataPlane ?? null, proxies: dataPlane.proxies },
      { series: seriesLabel(run), plane: "control plane", vcpu: controlPlane.vcpu, memoryMb: controlPlane.memoryMb, money: monthlyCost?.controlPlane ?? null, proxies: null },
    ];
  });
  // Field, axis title, tooltip format, axis format.
  const panels: [string, string, string, string][] = [
    ["vcpu", "vCPU", ".3~r", "~r"],
    ["memoryMb", "memory (MB)", ",.0f", ",~f"],
    ...(priced ? [["money", `${currency} per month`, ",.2f", ",~f"] as [string, string, string, string]] : []),
  ];
  const order = seriesOrder(meshed);
  const appVcpu = runs[0]?.resources.app.vcpu;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `What each mesh costs ${loadPhrase(meshed)}`,
      subtitle: [
        "Data plane: the CPU its proxies, agents or kernel hooks spent, and their memory. Control plane: the mesh's own servers.",
        ...(appVcpu !== undefined ? [`For scale, the application itself uses ${appVcpu.toFixed(2)} vCPU.`] : []),
      ],
    },
    config: CHART_CONFIG,
    data: { values },
    hconcat: panels.map(([field, title, format, axisFormat], index) => ({
      width: Math.round(CHART_WIDTH / panels.length) - 10,
      height: { step: 22 },
      mark: { type: "bar", height: { band: 0.75 } },
      encoding: {
        y: { field: "series", type: "nominal", title: null, sort: order, axis: index === 0 ? {} : { labels: false, ticks: false } },
        x: { field, type: "quantitative", title, stack: "zero", axis: { format: axisFormat } },
        color: { field: "plane", type: "nominal", title: null, scale: PLANE_COLORS, legend: { orient: "top", direction: "horizontal" } },
        order: { field: "plane", sort: "descending" },
        tooltip: [
          { field: "series", title: "mesh" },
          { field: "plane", title: "part" },
          { field, title, format },
        ],
      },
    })),
    resolve: { scale: { y: "shared" } },
  } as unknown as TopLevelSpec;
}
