import { describe, expect, it } from "vitest";
import { summarizeClusterTraffic } from "../../../src/runner/summary/summarize-cluster-traffic.js";
import { priceZoneTraffic } from "../../../src/runner/summary/summarize-zone-traffic.js";
import type { ZoneTrafficSummary } from "../../../src/runner/results/results-document.js";
import type { ClusterSet } from "../../../src/cluster/index.js";

const ZONES = ["east/zone-a", "east/zone-b", "west/zone-a"];
const CLUSTERS: ClusterSet = { names: ["east", "west"], regions: ["us-east-1", "us-west-2"], zoneCluster: [0, 0, 1], rttMs: [60, 60, 60, 60], failAtS: [undefined, undefined] };

function traffic(): ZoneTrafficSummary {
  return {
    zones: [...ZONES],
    crossZoneShare: 0.5,
    crossZoneGbPerMonth: 30,
    pairs: [
      { from: "east/zone-a", to: "east/zone-a", callsPerSec: 10, gbPerMonth: 5 },
      { from: "east/zone-a", to: "east/zone-b", callsPerSec: 4, gbPerMonth: 10 },
      { from: "east/zone-b", to: "west/zone-a", callsPerSec: 6, gbPerMonth: 20 },
    ],
  };
}

describe("summarizeClusterTraffic", () => {
  it("summarizeClusterTraffic(zone pairs) sums them per cluster pair, with the share of calls and GB that leave their cluster", () => {
    const summary = summarizeClusterTraffic(traffic(), CLUSTERS, ZONES);
    expect(summary).toEqual({
      clusters: [
        { name: "east", region: "us-east-1" },
        { name: "west", region: "us-west-2" },
      ],
      crossClusterShare: 0.3,
      crossClusterGbPerMonth: 20,
      crossRegionGbPerMonth: 20,
      pairs: [
        { from: "east", to: "east", callsPerSec: 14, gbPerMonth: 15 },
        { from: "east", to: "west", callsPerSec: 6, gbPerMonth: 20 },
      ],
    });
  });

  it("priceZoneTraffic(regionOf) bills a zone pair between regions at crossRegionGb, and the cluster pairs add up the zone pairs' money", () => {
    const zones = traffic();
    const regionOf = (zone: string) => CLUSTERS.regions[CLUSTERS.zoneCluster[ZONES.indexOf(zone)]];
    priceZoneTraffic(zones, { sameZoneGb: 0, crossZoneGb: 0.02, crossRegionGb: 0.05, currency: "USD" }, regionOf);
    expect(zones.pairs.map((pair) => pair.monthlyCost)).toEqual([0, 0.2, 1]);
    const summary = summarizeClusterTraffic(zones, CLUSTERS, ZONES);
    expect(summary.pairs.map((pair) => pair.monthlyCost)).toEqual([0.2, 1]);
    expect(summary.monthlyCost).toEqual({ withinClusters: 0.2, betweenClusters: 1, total: 1.2, currency: "USD" });
  });
});
