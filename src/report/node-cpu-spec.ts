/**
 * Where each node's cores went: one bar per node and mesh, stacked by who used them (the
 * application, the mesh, the kernel, the load generator), against the node's cores.
 */

import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG, CHART_WIDTH, VEGA_LITE_SCHEMA } from "./_chart-style.js";
import { loadPhrase, seriesLabel, seriesOrder, type ChartRun } from "./_chart-data.js";

const USERS = ["app", "mesh", "kernel", "load generator"] as const;
const USER_COLORS = { domain: [...USERS], range: ["#59a14f", "#4e79a7", "#f28e2b", "#bab0ac"] };

/**
 * Stacked bars of vCPU by user per node, one row of bars per mesh, with each node's cores as a
 * rule. Only runs that declare their nodes' machines have node figures; call it for those.
 * @example nodeCpuSpec(focusRuns(document.runs).filter((run) => run.nodes))
 */
export function nodeCpuSpec(runs: ChartRun[]): TopLevelSpec {
  const withNodes = runs.filter((run) => run.nodes !== undefined);
  const values = withNodes.flatMap((run) =>
    run.nodes!.flatMap((node) => {
      const used = node.cpuByUser;
      const byUser: Record<(typeof USERS)[number], number> = { app: used.app, mesh: used.mesh, kernel: used.kernel, "load generator": used.loadGenerator };
      return USERS.map((user) => ({ series: seriesLabel(run), node: `node ${node.node}`, user, vcpu: byUser[user], cores: node.vcpu, utilization: node.cpuUtilization }));
    }),
  );
  const cores = withNodes[0]?.nodes?.[0]?.vcpu ?? 0;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `Who uses each node's cores ${loadPhrase(withNodes)}`,
      subtitle: [`Every container on a node shares its ${cores} cores: the application, the mesh's proxies and agents, kernel work and the load generator.`],
    },
    config: CHART_CONFIG,
    data: { values },
    facet: { row: { field: "series", type: "nominal", title: null, sort: seriesOrder(withNodes), header: { labelAngle: 0, labelAlign: "left" } } },
    spec: {
      width: CHART_WIDTH - 120,
      height: { step: 18 },
      layer: [
        {
          mark: { type: "bar", height: { band: 0.75 } },
          encoding: {
            y: { field: "node", type: "nominal", title: null },
            x: { field: "vcpu", type: "quantitative", title: "vCPU used", stack: "zero" },
            color: { field: "user", type: "nominal", title: null, scale: USER_COLORS, legend: { orient: "top", direction: "horizontal" } },
            order: { field: "user", sort: "ascending" },
            tooltip: [
              { field: "series", title: "mesh" },
              { field: "node", title: "node" },
              { field: "user", title: "used by" },
              { field: "vcpu", title: "vCPU", format: ".3~r" },
              { field: "utilization", title: "node busy", format: ".0%" },
            ],
          },
        },
        {
          mark: { type: "tick", color: "#333", thickness: 2 },
          encoding: { y: { field: "node", type: "nominal" }, x: { field: "cores", type: "quantitative", aggregate: "max" } },
        },
      ],
    },
  } as unknown as TopLevelSpec;
}
