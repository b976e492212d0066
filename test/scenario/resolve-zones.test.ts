/**
 * cluster.zones and services[].zones through resolveScenario: the three ways to declare zones, where
 * replicas go, and one test per error, each naming its field.
 */

import { describe, expect, it } from "vitest";
import { resolveScenario } from "../../src/scenario/resolve-scenario.js";
import type { RawScenario } from "../../src/scenario/index.js";
import { validDocument } from "./_valid-scenario.js";
import { scenarioErrorOf } from "./_scenario-error-of.js";

const resolve = (document: Record<string, any>) => resolveScenario("zones.yaml", "0".repeat(64), document as RawScenario);

function withCluster(cluster: Record<string, unknown>, front: Record<string, unknown> = {}): Record<string, any> {
  const document = validDocument();
  document.cluster = cluster;
  Object.assign(document.services[0], front);
  return document;
}

describe("resolveScenario: cluster.zones", () => {
  it("resolveScenario(zones: 3 on 6 nodes) names them zone-a.. and puts node i in zone i mod 3, 1 ms apart by default", () => {
    const { zones } = resolve(withCluster({ nodes: 6, zones: 3 })).topology.cluster;
    expect(zones).toEqual({ names: ["zone-a", "zone-b", "zone-c"], nodeZone: [0, 1, 2, 0, 1, 2], crossZoneRttMs: 1, crossZoneBandwidthGbps: 10 });
  });

  it("resolveScenario(zone names and network.crossZoneRttMs) keeps the names and the round trip", () => {
    const cluster = resolve(withCluster({ nodes: 4, zones: ["us-east-1a", "us-east-1b"], network: { crossZoneRttMs: 1.6, bandwidthGbps: 25 } })).topology.cluster;
    expect(cluster.zones).toMatchObject({ names: ["us-east-1a", "us-east-1b"], nodeZone: [0, 1, 0, 1], crossZoneRttMs: 1.6, crossZoneBandwidthGbps: 25 });
  });

  it("resolveScenario(zones with their nodes) gives consecutive nodes to each zone and sets cluster.nodes", () => {
    const cluster = resolve(withCluster({ zones: [{ name: "a", nodes: 1 }, { name: "b", nodes: 2 }] })).topology.cluster;
    expect(cluster.nodes).toBe(3);
    expect(cluster.zones?.nodeZone).toEqual([0, 1, 1]);
  });

  it("resolveScenario(no zones) leaves the cluster without zones", () => {
    expect(resolve(validDocument()).topology.cluster.zones).toBeUndefined();
  });

  it("resolveScenario(3 replicas in 3 zones) puts one in each zone", () => {
    const scenario = resolve(withCluster({ nodes: 6, zones: 3 }, { replicas: 3 }));
    const { nodeZone } = scenario.topology.cluster.zones!;
    expect(scenario.topology.services[0].placement.map((node) => nodeZone[node]).sort()).toEqual([0, 1, 2]);
  });

  it("resolveScenario(services[].zones) places that many replicas in each named zone and sets replicas", () => {
    const document = withCluster({ nodes: 6, zones: 3 }, { replicas: undefined, zones: { "zone-a": 2, "zone-c": 1 } });
    delete document.services[0].replicas;
    const front = resolve(document).topology.services[0];
    expect(front.replicas).toBe(3);
    expect(front.zoneReplicas).toEqual([2, 0, 1]);
    expect(front.placement.map((node) => [0, 1, 2, 0, 1, 2][node])).toEqual([0, 0, 2]);
  });

  it("resolveScenario(trafficDistribution) marks the service as preferring its callers' zone", () => {
    expect(resolve(withCluster({ zones: 3 }, { trafficDistribution: "PreferClose" })).topology.services[0].preferSameZone).toBe(true);
  });
});

describe("resolveScenario: zone errors", () => {
  it.each([
    { what: "more zones than nodes", document: withCluster({ nodes: 2, zones: 3 }), message: "cluster.zones has 3 zones but cluster.nodes is 2" },
    {
      what: "cluster.nodes against the zones' nodes",
      document: withCluster({ nodes: 4, zones: [{ name: "a", nodes: 1 }, { name: "b", nodes: 2 }] }),
      message: "cluster.nodes is 4 but cluster.zones lists 3 nodes",
    },
    { what: "a zone named twice", document: withCluster({ zones: [{ name: "a", nodes: 1 }, { name: "a", nodes: 2 }] }), message: "cluster.zones[1].name must be unique" },
    { what: "service zones without cluster zones", document: withCluster({}, { zones: { a: 1 } }), message: "services[0].zones needs cluster.zones" },
    { what: "an unknown zone", document: withCluster({ zones: 3 }, { zones: { "zone-d": 1 } }), message: "services[0].zones.zone-d names no zone of cluster.zones" },
    { what: "a misspelt zone", document: withCluster({ zones: 3 }, { zones: { "zone-bb": 1 } }), message: "did you mean zone-b?" },
    { what: "zones and nodes together", document: withCluster({ zones: 3 }, { nodes: [0], zones: { "zone-a": 1 } }), message: "services[0].zones cannot be given with nodes" },
    { what: "replicas that disagree", document: withCluster({ zones: 3 }, { replicas: 2, zones: { "zone-a": 1 } }), message: "services[0].replicas is 2 but zones places 1" },
    { what: "no replica at all", document: withCluster({ zones: 3 }, { replicas: undefined, zones: { "zone-a": 0 } }), message: "services[0].zones places no replica" },
    {
      what: "zones whose nodes pass the node limit in all (regression: accepted)",
      document: withCluster({ zones: [{ name: "a", nodes: 3000 }, { name: "b", nodes: 3000 }] }),
      message: "cluster.zones lists 6000 nodes in all; at most 5000 fit",
    },
    {
      what: "replicas per zone past the pod limit in all (regression: zones' replicas were counted as 1)",
      document: (() => {
        const d = withCluster({ zones: 2 }, { replicas: undefined, zones: { "zone-a": 15_000 } });
        d.services[1].zones = { "zone-b": 15_000 };
        return d;
      })(),
      message: "services[0].zones is 15000, making 30000 pods in all (2 services); at most 20000 pods fit",
    },
  ])("resolveScenario($what) fails naming the field", ({ document, message }) => {
    if (document.services[0].replicas === undefined) delete document.services[0].replicas;
    const error = scenarioErrorOf(() => resolve(document)).message;
    expect(error).toContain("zones.yaml");
    expect(error).toContain(message);
  });
});
