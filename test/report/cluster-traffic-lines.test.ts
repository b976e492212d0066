import { describe, expect, it } from "vitest";
import { clusterTrafficLines } from "../../src/report/cluster-traffic-lines.js";
import type { RunSummary } from "../../src/runner/index.js";

const run = (mesh: string, clusterTraffic?: object, planes?: object[], completed = 1000) =>
  ({ mesh, clusterTraffic, requests: { completed }, resources: { controlPlane: { vcpu: 0, memoryMb: 0, ...(planes ? { clusters: planes } : {}) } } }) as unknown as RunSummary;

const traffic = {
  clusters: [
    { name: "east", region: "us-east-1" },
    { name: "west", region: "us-west-2" },
  ],
  crossClusterShare: 0.225,
  crossClusterGbPerMonth: 491.9,
  crossRegionGbPerMonth: 491.9,
  pairs: [],
  monthlyCost: { withinClusters: 21.88, betweenClusters: 9.84, total: 31.72, currency: "USD" },
};

describe("clusterTrafficLines", () => {
  it("clusterTrafficLines(runs with clusters) gives each run's share of calls leaving their cluster, GB, money and control planes' memory", () => {
    const planes = [
      { cluster: "east", memoryMb: 423.1, proxies: 5, remoteEndpoints: 4 },
      { cluster: "west", memoryMb: 422.3, proxies: 4, remoteEndpoints: 5 },
    ];
    expect(clusterTrafficLines([run("istio", traffic, planes), run("osm")], () => "200 rps")).toEqual([
      "",
      "traffic between clusters per month (east us-east-1, west us-west-2):",
      "  istio @ 200 rps: 22.5% of calls leave their cluster, 492 GB (492 between regions), 9.84 USD; control planes 423 + 422 MB",
    ]);
  });

  it("clusterTrafficLines(a run that completed no request) says so, keeping its control planes' memory", () => {
    const planes = [
      { cluster: "east", memoryMb: 423.1, proxies: 5, remoteEndpoints: 4 },
      { cluster: "west", memoryMb: 422.3, proxies: 4, remoteEndpoints: 5 },
    ];
    expect(clusterTrafficLines([run("istio", traffic, planes, 0), run("osm", traffic, undefined, 0)], () => "200 rps")).toEqual([
      "",
      "traffic between clusters per month (east us-east-1, west us-west-2):",
      "  istio @ 200 rps: no request completed, so no traffic to count; control planes 423 + 422 MB",
      "  osm @ 200 rps: no request completed, so no traffic to count",
    ]);
  });

  it("clusterTrafficLines(runs in one cluster) gives no lines", () => {
    expect(clusterTrafficLines([run("istio")], () => "200 rps")).toEqual([]);
  });
});
