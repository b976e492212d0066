/**
 * What joining clusters does to each mesh's bill: the GB per month sent between clusters (between
 * regions, and within one region), and with per-GB prices that traffic's money stacked on the mesh's
 * own CPU and memory cost.
 */

import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG, CHART_WIDTH, VEGA_LITE_SCHEMA } from "./_chart-style.js";
import { loadPhrase, seriesLabel, seriesOrder, type ChartRun } from "./_chart-data.js";

const TRAFFIC_COLORS = { domain: ["between regions", "within a region"], range: ["#e15759", "#f28e2b"] };
const MONEY_COLORS = { domain: ["mesh (CPU and memory)", "traffic between clusters"], range: ["#4e79a7", "#e15759"] };

/**
 * Bars per mesh, baseline included: GB per month between clusters, split by whether it crosses
 * regions, the share of calls leaving their cluster in the tooltip; with prices, a second panel of
 * money per month, the mesh's and the traffic's stacked.
 * @example clusterTrafficSpec(focusRuns(document.runs).filter((run) => run.clusterTraffic))
 */
export function clusterTrafficSpec(runs: ChartRun[]): TopLevelSpec {
  const clustered = runs.filter((run) => run.clusterTraffic !== undefined);
  const priced = clustered.length > 0 && clustered.every((run) => run.clusterTraffic!.monthlyCost !== undefined);
  const currency = priced ? clustered[0].clusterTraffic!.monthlyCost!.currency : "";
  const traffic = clustered.flatMap((run) => {
    const { crossClusterGbPerMonth, crossRegionGbPerMonth, crossClusterShare } = run.clusterTraffic!;
    return [
      { series: seriesLabel(run), part: "between regions", gbPerMonth: crossRegionGbPerMonth, share: crossClusterShare },
      { series: seriesLabel(run), part: "within a region", gbPerMonth: Math.max(0, crossClusterGbPerMonth - crossRegionGbPerMonth), share: crossClusterShare },
    ];
  });
  const money = priced
    ? clustered.flatMap((run) => [
        { series: seriesLabel(run), part: "mesh (CPU and memory)", money: run.resources.monthlyCost?.total ?? 0 },
        { series: seriesLabel(run), part: "traffic between clusters", money: run.clusterTraffic!.monthlyCost!.betweenClusters },
      ])
    : [];
  const order = seriesOrder(clustered);
  const width = Math.round(CHART_WIDTH / (priced ? 2 : 1)) - 10;
  const y = (index: number) => ({ field: "series", type: "nominal", title: null, sort: order, axis: index === 0 ? {} : { labels: false, ticks: false } });
  const panel = (index: number, values: object[], x: object, colors: object, tooltip: object[]) => ({
    width,
    height: { step: 22 },
    data: { values },
    mark: { type: "bar", height: { band: 0.75 } },
    encoding: { y: y(index), x, color: { field: "part", type: "nominal", title: null, scale: colors, legend: { orient: "top", direction: "horizontal" } }, tooltip },
  });
  const panels: object[] = [
    panel(0, traffic, { field: "gbPerMonth", type: "quantitative", title: "GB per month between clusters", stack: "zero", axis: { format: ",~f" } }, TRAFFIC_COLORS, [
      { field: "series", title: "mesh" },
      { field: "part", title: "part" },
      { field: "gbPerMonth", title: "GB per month", format: ",.0f" },
      { field: "share", title: "calls leaving their cluster", format: ".1%" },
    ]),
    ...(priced
      ? [
          panel(1, money, { field: "money", type: "quantitative", title: `${currency} per month`, stack: "zero", axis: { format: ",~f" } }, MONEY_COLORS, [
            { field: "series", title: "mesh" },
            { field: "part", title: "part" },
            { field: "money", title: `${currency} per month`, format: ",.2f" },
          ]),
        ]
      : []),
  ];
  const names = clustered[0]?.clusterTraffic!.clusters.map((cluster) => `${cluster.name} (${cluster.region})`).join(", ") ?? "";
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `Traffic between clusters ${loadPhrase(clustered)}`,
      subtitle: [`Clusters: ${names}. Bytes sent from one cluster to another, requests and responses, per month of 730 hours.`],
    },
    config: CHART_CONFIG,
    hconcat: panels,
    resolve: { scale: { y: "shared", color: "independent" } },
  } as unknown as TopLevelSpec;
}
