/**
 * clusters: [...] and services[].clusters through resolveScenario: clusters' zones flattened as
 * `<cluster>/<zone>`, round trips between regions, replicas per cluster, a failing cluster as
 * outages, and one test per error, each naming its field.
 */

import { describe, expect, it } from "vitest";
import { resolveScenario } from "../../src/scenario/resolve-scenario.js";
import type { RawScenario } from "../../src/scenario/index.js";
import { DEFAULT_CROSS_REGION_RTT_MS } from "../../src/cluster/index.js";
import { validDocument } from "./_valid-scenario.js";
import { scenarioErrorOf } from "./_scenario-error-of.js";

const resolve = (document: Record<string, any>) => resolveScenario("clusters.yaml", "0".repeat(64), document as RawScenario);

/** east (us-east-1, two zones, 4 nodes) and west (us-west-2, one zone, 3 nodes). */
function withClusters(front: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, any> {
  const document = validDocument();
  document.clusters = [
    { name: "east", region: "us-east-1", zones: 2, nodes: 4 },
    { name: "west", region: "us-west-2" },
  ];
  Object.assign(document.services[0], front);
  return Object.assign(document, extra);
}

describe("resolveScenario: clusters", () => {
  it("resolveScenario(two clusters) flattens their zones as cluster/zone, nodes in cluster order, regions the default round trip apart", () => {
    const { nodes, zones } = resolve(withClusters()).topology.cluster;
    expect(nodes).toBe(7);
    expect(zones!.names).toEqual(["east/zone-a", "east/zone-b", "west/zone-a"]);
    expect(zones!.nodeZone).toEqual([0, 1, 0, 1, 2, 2, 2]);
    expect(zones!.clusters).toEqual({
      names: ["east", "west"],
      regions: ["us-east-1", "us-west-2"],
      zoneCluster: [0, 0, 1],
      rttMs: [DEFAULT_CROSS_REGION_RTT_MS, DEFAULT_CROSS_REGION_RTT_MS, DEFAULT_CROSS_REGION_RTT_MS, DEFAULT_CROSS_REGION_RTT_MS],
      failAtS: [undefined, undefined],
    });
  });

  it("resolveScenario(rttMs on one side, crossRegionRttMs) takes the pair's round trip both ways, the default for others", () => {
    const document = withClusters({}, { cluster: { network: { crossRegionRttMs: 80 } } });
    document.clusters[0].rttMs = { west: 62 };
    document.clusters.push({ name: "eu", region: "eu-west-1" });
    const clusters = resolve(document).topology.cluster.zones!.clusters!;
    expect(clusters.rttMs).toEqual([80, 62, 80, 62, 80, 80, 80, 80, 80]);
  });

  it("resolveScenario(rttMs given the same on both sides) takes it", () => {
    const document = withClusters();
    document.clusters[0].rttMs = { west: 62 };
    document.clusters[1].rttMs = { east: 62 };
    expect(resolve(document).topology.cluster.zones!.clusters!.rttMs).toEqual([DEFAULT_CROSS_REGION_RTT_MS, 62, 62, DEFAULT_CROSS_REGION_RTT_MS]);
  });

  it("resolveScenario(a service without clusters) spreads its replicas over the clusters in turn, then each cluster's zones", () => {
    const services = resolve(withClusters({ replicas: 3 })).topology.services;
    expect(services[0].zoneReplicas).toEqual([1, 1, 1]);
    expect(services[0].replicas).toBe(3);
    expect(services[1].zoneReplicas).toEqual([1, 0, 0]);
  });

  it("resolveScenario(services[].clusters) places a count over the cluster's zones and a map per zone", () => {
    const service = resolve(withClusters({ replicas: undefined, clusters: { east: 3, west: { "zone-a": 2 } } })).topology.services[0];
    expect(service.zoneReplicas).toEqual([2, 1, 2]);
    expect(service.replicas).toBe(5);
    // Replicas stay on their zones' nodes: east/zone-a is nodes 0 and 2, west is nodes 4 to 6.
    expect(service.placement).toEqual([0, 2, 1, 4, 5]);
  });

  it("resolveScenario(clusters[].failAtS) gives every replica in that cluster an outage from the failure (after warm-up) on", () => {
    const document = withClusters({ replicas: undefined, clusters: { east: 1, west: 2 } }, { load: { type: "open", ratePerSec: 10, warmupS: 2 } });
    document.clusters[1].failAtS = 5;
    const service = resolve(document).topology.services[0];
    expect(service.failures!.outages).toEqual([
      { replica: 1, startMs: 7000, endMs: Infinity },
      { replica: 2, startMs: 7000, endMs: Infinity },
    ]);
  });

  it("resolveScenario(clusters[].failAtS) fails the replicas a service's listed nodes put in that cluster", () => {
    const document = withClusters({ replicas: 2, nodes: [1, 5] });
    document.clusters[1].failAtS = 3;
    const service = resolve(document).topology.services[0];
    expect(service.failures!.outages).toEqual([{ replica: 1, startMs: 4000, endMs: Infinity }]);
  });

  it("resolveScenario(mesh.multiCluster) keeps the modes per mesh and defaults the control plane and gateway replicas", () => {
    const scenario = resolve(withClusters({}, { mesh: { multiCluster: { modes: { istio: "flat" } } } }));
    expect(scenario.mesh.multiCluster).toEqual({ modes: { istio: "flat" }, controlPlane: "multi-primary", gatewayReplicas: 1 });
    expect(resolve(validDocument()).mesh.multiCluster).toBeUndefined();
  });

  it("regression: resolveScenario(mesh.multiCluster.modes keyed by an alias) keys the mode by the profile id, where the run ignored it", () => {
    const scenario = resolve(withClusters({}, { mesh: { multiCluster: { modes: { linkerd: "flat" } } } }));
    expect(scenario.mesh.multiCluster!.modes).toEqual({ linkerd2: "flat" });
  });

  it("resolveScenario(a mode the profile's documentation rules out) leaves the refusal, with its reason, to the run", () => {
    const scenario = resolve(withClusters({}, { mesh: { multiCluster: { modes: { "istio-ambient": "flat" } } } }));
    expect(scenario.mesh.multiCluster!.modes).toEqual({ "istio-ambient": "flat" });
  });

  it.each([
    { what: "cluster.zones beside clusters", document: withClusters({}, { cluster: { zones: 2 } }), message: "cluster.zones cannot be given with clusters" },
    { what: "cluster.nodes beside clusters", document: withClusters({}, { cluster: { nodes: 6 } }), message: "cluster.nodes cannot be given with clusters" },
    { what: "a repeated cluster name", document: (() => { const d = withClusters(); d.clusters[1].name = "east"; return d; })(), message: "clusters[1].name must be unique" },
    { what: "an unknown cluster in rttMs", document: (() => { const d = withClusters(); d.clusters[0].rttMs = { wset: 60 }; return d; })(), message: "clusters[0].rttMs.wset names no cluster of clusters (east, west); did you mean west?" },
    { what: "a cluster's round trip to itself", document: (() => { const d = withClusters(); d.clusters[0].rttMs = { east: 1 }; return d; })(), message: "clusters[0].rttMs.east names the cluster itself" },
    {
      what: "a pair's two round trips that disagree (regression: each direction's link took half of its own, so every call saw their mean)",
      document: (() => { const d = withClusters(); d.clusters[0].rttMs = { west: 62 }; d.clusters[1].rttMs = { east: 70 }; return d; })(),
      message: "clusters[1].rttMs.east is 70 but clusters[0].rttMs.west is 62: a round trip is the same both ways; give it once, or the same value on both sides",
    },
    {
      what: "a round trip between two clusters of one region (regression: it went unused, crossZoneRttMs applying)",
      document: (() => { const d = withClusters(); d.clusters[1].region = "us-east-1"; d.clusters[0].rttMs = { west: 2 }; return d; })(),
      message: "clusters[0].rttMs.west names a cluster of the same region (us-east-1): two clusters of one region are cluster.network.crossZoneRttMs apart; rttMs is between regions",
    },
    { what: "more zones than nodes", document: (() => { const d = withClusters(); d.clusters[1].zones = 4; d.clusters[1].nodes = 3; return d; })(), message: "clusters[1].zones has 4 zones but clusters[1].nodes is 3" },
    { what: "an unknown cluster in a service", document: withClusters({ replicas: undefined, clusters: { esat: 1 } }), message: "services[0].clusters.esat names no cluster of clusters (east, west); did you mean east?" },
    { what: "an unknown zone of a cluster", document: withClusters({ replicas: undefined, clusters: { west: { "zone-b": 1 } } }), message: "services[0].clusters.west.zone-b names no zone of cluster west (zone-a)" },
    { what: "replicas that disagree", document: withClusters({ replicas: 2, clusters: { east: 1 } }), message: "services[0].replicas is 2 but clusters places 1" },
    { what: "services[].zones with clusters", document: withClusters({ zones: { "zone-a": 1 } }), message: "services[0].zones cannot be given with clusters" },
    { what: "mesh.multiCluster without clusters", document: Object.assign(validDocument(), { mesh: { multiCluster: { controlPlane: "primary-remote" } } }), message: "mesh.multiCluster needs clusters" },
    {
      what: "autoscaling with clusters",
      document: withClusters({ autoscaling: { minReplicas: 1, maxReplicas: 4, targetCpuUtilization: 60 }, resources: { cpuRequest: "250m" } }),
      message: "services[0].autoscaling cannot be combined with clusters yet",
    },
    { what: "a mode for an unknown mesh", document: withClusters({}, { mesh: { multiCluster: { modes: { istoi: "flat" } } } }), message: "mesh.multiCluster.modes" },
    {
      what: "a misspelt mode (regression: --mesh all left the mesh out as unable, exit 0)",
      document: withClusters({}, { mesh: { multiCluster: { modes: { istio: "flatt" } } } }),
      message: "mesh.multiCluster.modes.istio names unknown mode flatt of istio (did you mean flat?); its modes are gateway, flat",
    },
    { what: "a mode for every mesh at once", document: withClusters({}, { mesh: { multiCluster: { modes: { all: "flat" } } } }), message: "mesh.multiCluster.modes.all must name one mesh" },
    {
      what: "one mesh's mode given twice, by its id and its alias",
      document: withClusters({}, { mesh: { multiCluster: { modes: { linkerd2: "gateway", linkerd: "flat" } } } }),
      message: "mesh.multiCluster.modes.linkerd names linkerd2 again (as linkerd2): give its mode once",
    },
    { what: "services[].clusters without clusters (regression: it was ignored)", document: Object.assign(validDocument(), { services: [{ ...validDocument().services[0], clusters: { east: 1 } }, validDocument().services[1]] }), message: "services[0].clusters needs clusters: the scenario declares one cluster" },
    {
      what: "clusters whose nodes pass the limit in all",
      document: (() => { const d = withClusters(); d.clusters = Array.from({ length: 3 }, (_, i) => ({ name: `c${i}`, region: "r", nodes: 2000 })); return d; })(),
      message: "clusters have 6000 nodes in all; at most 5000 fit",
    },
  ])("resolveScenario($what) fails naming the field", ({ document, message }) => {
    if (document.services[0].replicas === undefined) delete document.services[0].replicas;
    const error = scenarioErrorOf(() => resolve(document)).message;
    expect(error).toContain("clusters.yaml");
    expect(error).toContain(message);
    expect(error).not.toMatch(/\n/);
  });
});
