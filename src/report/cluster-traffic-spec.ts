/**
 * What joining clusters does to each mesh's bill: the GB per month sent between clusters (between
 * regions, and within one region), and with per-GB prices that traffic's money stacked on the mesh's
 * own CPU and memory cost.
 */

import type { TopLevelSpec } from "vega-lite";
import { seriesLabel, type ChartRun } from "./_chart-data.js";
import { crossingTrafficSpec } from "./_crossing-traffic-spec.js";

const TRAFFIC_COLORS = { domain: ["between regions", "within a region"], range: ["#e15759", "#f28e2b"] };

/**
 * Bars per mesh, baseline included: GB per month between clusters, split by whether it crosses
 * regions, the share of calls leaving their cluster in the tooltip; with prices, a second panel of
 * money per month, the mesh's and the traffic's stacked.
 * @example clusterTrafficSpec(focusRuns(document.runs).filter((run) => run.clusterTraffic))
 */
export function clusterTrafficSpec(runs: ChartRun[]): TopLevelSpec {
  const clustered = runs.filter((run) => run.clusterTraffic !== undefined);
  return crossingTrafficSpec({
    runs: clustered,
    places: "clusters",
    place: "cluster",
    names: clustered[0]?.clusterTraffic!.clusters.map((cluster) => `${cluster.name} (${cluster.region})`).join(", ") ?? "",
    traffic: clustered.flatMap((run) => {
      const { crossClusterGbPerMonth, crossRegionGbPerMonth, crossClusterShare } = run.clusterTraffic!;
      return [
        { series: seriesLabel(run), part: "between regions", gbPerMonth: crossRegionGbPerMonth, share: crossClusterShare },
        { series: seriesLabel(run), part: "within a region", gbPerMonth: Math.max(0, crossClusterGbPerMonth - crossRegionGbPerMonth), share: crossClusterShare },
      ];
    }),
    parts: TRAFFIC_COLORS,
    // The traffic's money takes the colour of its bars between regions.
    color: TRAFFIC_COLORS.range[0],
    shareTitle: "calls leaving their cluster",
    moneyOf: (run) => {
      const cost = run.clusterTraffic!.monthlyCost;
      return cost && { perMonth: cost.betweenClusters, currency: cost.currency };
    },
  });
}
