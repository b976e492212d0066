/**
 * The terminal table's lines on traffic between clusters: per run, the share of calls that leave
 * their cluster, the GB per month between clusters (between regions among them) and their money,
 * and the control planes' memory when each cluster runs one. A run that completed no request shows
 * no traffic, as between zones.
 */

import type { RunSummary } from "../runner/index.js";
import { formatCount } from "./format-number.js";
import { NO_TRAFFIC_COMPLETED } from "./zone-traffic-lines.js";

/**
 * Lines under a "traffic between clusters per month" heading; none when no run has several clusters.
 * @example clusterTrafficLines(runs, (run) => "200 rps") // ["", "traffic between clusters per month (east us-east-1, west us-west-2):", "  istio @ 200 rps: 22.5% of calls leave their cluster, 492 GB (492 between regions), 9.84 USD; control planes 423 + 422 MB"]
 */
export function clusterTrafficLines(runs: readonly RunSummary[], loadOf: (run: RunSummary) => string): string[] {
  const clustered = runs.filter((run) => run.clusterTraffic);
  if (clustered.length === 0) return [];
  const lines = clustered.map((run) => {
    const traffic = run.clusterTraffic!;
    const money = traffic.monthlyCost ? `, ${traffic.monthlyCost.betweenClusters.toFixed(2)} ${traffic.monthlyCost.currency}` : "";
    const planes = run.resources.controlPlane.clusters;
    const control = planes ? `; control planes ${planes.map((plane) => formatCount(plane.memoryMb)).join(" + ")} MB` : "";
    // The control planes run whether or not a request completes: their memory stays.
    if (run.requests.completed === 0) return `  ${run.mesh} @ ${loadOf(run)}: ${NO_TRAFFIC_COMPLETED}${control}`;
    const gb = `${formatCount(traffic.crossClusterGbPerMonth)} GB (${formatCount(traffic.crossRegionGbPerMonth)} between regions)`;
    return `  ${run.mesh} @ ${loadOf(run)}: ${(traffic.crossClusterShare * 100).toFixed(1)}% of calls leave their cluster, ${gb}${money}${control}`;
  });
  const names = clustered[0].clusterTraffic!.clusters.map((cluster) => `${cluster.name} ${cluster.region}`).join(", ");
  return ["", `traffic between clusters per month (${names}):`, ...lines];
}
