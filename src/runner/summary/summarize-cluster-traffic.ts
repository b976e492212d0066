/**
 * Traffic between clusters: the run's zone traffic summed per cluster pair (every cluster's zones are
 * zones of one flat list, `<cluster>/<zone>`), with the share of calls that leave their cluster and,
 * with per-GB prices, the money of each pair (a pair of clusters in two regions at crossRegionGb).
 */

import type { ClusterSet } from "../../cluster/index.js";
import type { ClusterTrafficSummary, ZoneTrafficSummary } from "../results/index.js";
import { round } from "../results/index.js";

/**
 * The run's cluster traffic from its zone traffic (priced first, when the scenario has prices).
 * @example summarizeClusterTraffic(run.zoneTraffic, topology.cluster.zones.clusters, topology.cluster.zones.names).crossClusterShare
 */
export function summarizeClusterTraffic(zones: ZoneTrafficSummary, clusters: ClusterSet, zoneNames: readonly string[]): ClusterTrafficSummary {
  const count = clusters.names.length;
  const calls = new Array<number>(count * count).fill(0);
  const gb = new Array<number>(count * count).fill(0);
  const money = new Array<number>(count * count).fill(0);
  const clusterOf = (zone: string) => clusters.zoneCluster[zoneNames.indexOf(zone)];
  for (const pair of zones.pairs) {
    const key = clusterOf(pair.from) * count + clusterOf(pair.to);
    calls[key] += pair.callsPerSec;
    gb[key] += pair.gbPerMonth;
    money[key] += pair.monthlyCost ?? 0;
  }
  const allCalls = calls.reduce((sum, n) => sum + n, 0);
  let crossCalls = 0;
  let crossGb = 0;
  let crossRegionGb = 0;
  const pairs: ClusterTrafficSummary["pairs"] = [];
  const priced = zones.monthlyCost !== undefined;
  clusters.names.forEach((from, f) => {
    clusters.names.forEach((to, t) => {
      const key = f * count + t;
      if (f !== t) {
        crossCalls += calls[key];
        crossGb += gb[key];
        if (clusters.regions[f] !== clusters.regions[t]) crossRegionGb += gb[key];
      }
      if (calls[key] === 0 && gb[key] === 0) return;
      pairs.push({ from, to, callsPerSec: round(calls[key]), gbPerMonth: round(gb[key]), ...(priced ? { monthlyCost: cents(money[key]) } : {}) });
    });
  });
  return {
    clusters: clusters.names.map((name, index) => ({ name, region: clusters.regions[index] })),
    crossClusterShare: round(allCalls > 0 ? crossCalls / allCalls : 0),
    crossClusterGbPerMonth: round(crossGb),
    crossRegionGbPerMonth: round(crossRegionGb),
    pairs,
    ...(priced ? { monthlyCost: monthlyCostOf(pairs, zones.monthlyCost!.currency) } : {}),
  };
}

// --- internal ---

function monthlyCostOf(pairs: ClusterTrafficSummary["pairs"], currency: string): NonNullable<ClusterTrafficSummary["monthlyCost"]> {
  let within = 0;
  let between = 0;
  for (const pair of pairs) {
    if (pair.from === pair.to) within += pair.monthlyCost ?? 0;
    else between += pair.monthlyCost ?? 0;
  }
  return { withinClusters: cents(within), betweenClusters: cents(between), total: cents(within + between), currency };
}

function cents(value: number): number {
  return Math.round(value * 100) / 100;
}
