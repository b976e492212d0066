/**
 * allocateHints against KEP-2433's controller cases, and compileLocality's modes: which Service
 * setting each balancer follows (kube-proxy both, a mesh what its profile says, Auto over
 * trafficDistribution) and the per-zone replica tables.
 */

import { describe, expect, it } from "vitest";
import {
  allocateHints,
  clusterPreference,
  compileLocality,
  setActiveReplicas,
  CLUSTER_ALL,
  CLUSTER_LOCAL_FIRST,
  CLUSTER_REMOTE_FIRST,
  LOCALITY_HINTS,
  LOCALITY_NONE,
  LOCALITY_SAME_ZONE,
} from "../../../src/mesh/compile/index.js";
import { loadMeshProfile, parseScenario } from "../../../src/scenario/index.js";

describe("allocateHints (topology-mode Auto)", () => {
  it.each([
    { what: "2 endpoints, 3 zones", zones: [0, 1], nodes: [1, 1, 1], hinted: false },
    { what: "3 endpoints, 3 zones", zones: [0, 1, 2], nodes: [1, 1, 1], hinted: true },
    { what: "4 endpoints, 3 zones", zones: [0, 1, 2, 0], nodes: [1, 1, 1], hinted: false },
    { what: "4 endpoints, 2 zones", zones: [0, 1, 0, 1], nodes: [1, 1], hinted: true },
    { what: "4 endpoints all from 1 zone, 2 zones", zones: [0, 0, 0, 0], nodes: [1, 1], hinted: true },
    { what: "4 endpoints, 3 zones, 1 zone with 2x cores", zones: [0, 1, 2, 0], nodes: [2, 1, 1], hinted: true },
  ])("allocateHints($what) gives hints: $hinted (KEP-2433's unit-test table)", ({ zones, nodes, hinted }) => {
    expect(allocateHints(zones, nodes) !== undefined).toBe(hinted);
  });

  it("allocateHints(4 endpoints in zone 0 of 2) hints two of them for zone 1, keeping the first two home", () => {
    expect(allocateHints([0, 0, 0, 0], [1, 1])).toEqual([0, 0, 1, 1]);
  });
});

function scenario(api: Record<string, unknown>) {
  return parseScenario(
    "zones.yaml",
    {
      name: "zones",
      cluster: { nodes: 3, zones: 3 },
      services: [
        { name: "web", replicas: 3, serviceTime: { type: "constant", valueMs: 1 } },
        { name: "api", replicas: 3, serviceTime: { type: "constant", valueMs: 1 }, ...api },
      ],
      requestTypes: [{ name: "get", entry: "web", calls: [{ call: "api" }] }],
      load: { type: "open", ratePerSec: 10 },
    },
    "",
  );
}

function tablesFor(meshId: string, api: Record<string, unknown>) {
  const { topology } = scenario(api);
  // Pods 1.. are the services' replicas in order (pod 0 is the load generator); node i is in zone i.
  const servicePods = [Int32Array.from([1, 2, 3]), Int32Array.from([4, 5, 6])];
  const podZone = Int32Array.from([0, 0, 1, 2, 0, 1, 2]);
  return compileLocality(topology, loadMeshProfile(meshId), podZone, servicePods)!;
}

describe("compileLocality", () => {
  it.each([
    { mesh: "none", api: { trafficDistribution: "PreferClose" }, kube: LOCALITY_SAME_ZONE, meshMode: LOCALITY_SAME_ZONE },
    { mesh: "none", api: { topologyMode: "Auto", trafficDistribution: "PreferSameZone" }, kube: LOCALITY_HINTS, meshMode: LOCALITY_HINTS },
    { mesh: "istio", api: { trafficDistribution: "PreferClose" }, kube: LOCALITY_SAME_ZONE, meshMode: LOCALITY_NONE },
    { mesh: "istio-ambient", api: { trafficDistribution: "PreferClose" }, kube: LOCALITY_SAME_ZONE, meshMode: LOCALITY_SAME_ZONE },
    { mesh: "linkerd2", api: { trafficDistribution: "PreferClose" }, kube: LOCALITY_SAME_ZONE, meshMode: LOCALITY_NONE },
    { mesh: "linkerd2", api: { topologyMode: "Auto" }, kube: LOCALITY_HINTS, meshMode: LOCALITY_HINTS },
    { mesh: "cilium", api: { topologyMode: "Auto" }, kube: LOCALITY_HINTS, meshMode: LOCALITY_NONE },
    { mesh: "none", api: {}, kube: LOCALITY_NONE, meshMode: LOCALITY_NONE },
  ])("compileLocality($mesh, api $api): kube-proxy mode $kube, the mesh's $meshMode", ({ mesh, api, kube, meshMode }) => {
    const tables = tablesFor(mesh, api);
    expect(tables.kubeProxyMode[1]).toBe(kube);
    expect(tables.meshMode[1]).toBe(meshMode);
    expect(tables.kubeProxyMode[0]).toBe(LOCALITY_NONE);
  });

  it("compileLocality(...) lists, per zone and service, the replicas in the zone and the others, and the local pods", () => {
    const tables = tablesFor("none", {});
    const key = (zone: number, service: number) => zone * 2 + service;
    expect([...tables.sameZone.local[key(1, 1)]]).toEqual([1]);
    expect([...tables.sameZone.remote[key(1, 1)]]).toEqual([0, 2]);
    expect([...tables.sameZone.localPods[key(2, 0)]]).toEqual([3]);
  });

  it("compileLocality(a cluster without zones) gives nothing", () => {
    const { topology } = parseScenario("plain.yaml", { name: "plain", services: [{ name: "web", serviceTime: { type: "constant", valueMs: 1 } }], requestTypes: [{ name: "get", entry: "web" }], load: { type: "open", ratePerSec: 1 } }, "");
    expect(compileLocality(topology, loadMeshProfile("none"), Int32Array.from([0, 0]), [Int32Array.from([1])])).toBeUndefined();
  });
});

describe("setActiveReplicas", () => {
  it("setActiveReplicas(api, 2) keeps the zone lists to the first 2 pods, and back to all 3", () => {
    const tables = tablesFor("none", { trafficDistribution: "PreferSameZone" });
    const key = (zone: number) => zone * 2 + 1;
    setActiveReplicas(tables, 1, 2);
    expect([...tables.sameZone.local[key(2)]]).toEqual([]);
    expect([...tables.sameZone.remote[key(2)]]).toEqual([0, 1]);
    expect([...tables.sameZone.localPods[key(1)]]).toEqual([5]);
    setActiveReplicas(tables, 1, 3);
    expect([...tables.sameZone.localPods[key(2)]]).toEqual([6]);
  });

  it("setActiveReplicas(...) redoes topology-mode Auto's hints: 2 endpoints in 3 zones get none, 3 do", () => {
    const tables = tablesFor("none", { topologyMode: "Auto" });
    expect(tables.kubeProxyMode[1]).toBe(LOCALITY_HINTS);
    setActiveReplicas(tables, 1, 2);
    expect(tables.kubeProxyMode[1]).toBe(LOCALITY_NONE);
    setActiveReplicas(tables, 1, 3);
    expect(tables.kubeProxyMode[1]).toBe(LOCALITY_HINTS);
  });

  it("compileLocality(..., serviceActive) starts each service at its active count", () => {
    const { topology } = scenario({});
    const tables = compileLocality(topology, loadMeshProfile("none"), Int32Array.from([0, 0, 1, 2, 0, 1, 2]), [Int32Array.from([1, 2, 3]), Int32Array.from([4, 5, 6])], undefined, Int32Array.from([3, 1]))!;
    expect([...tables.sameZone.remote[0 * 2 + 1]]).toEqual([]);
    expect([...tables.sameZone.local[0 * 2 + 1]]).toEqual([0]);
  });
});

describe("compileLocality across clusters", () => {
  /** east (zones a and b, one node each) and west (one zone, one node); back has a replica in each zone. */
  const { topology } = parseScenario(
    "clusters.yaml",
    {
      name: "clusters",
      clusters: [
        { name: "east", region: "us-east-1", zones: 2, nodes: 2 },
        { name: "west", region: "us-west-2", nodes: 1 },
      ],
      services: [{ name: "back", clusters: { east: 2, west: 1 }, serviceTime: { type: "constant", valueMs: 1 } }],
      requestTypes: [{ name: "r", entry: "back" }],
      load: { type: "open", ratePerSec: 10 },
    },
    "",
  );
  // Pod 0 (the load generator, meshed) in east/zone-a; pods 1-3 back's replicas in zones 0, 1, 2.
  const podZone = Int32Array.from([0, 0, 1, 2]);
  const servicePods = [Int32Array.from([1, 2, 3])];
  const meshed = Uint8Array.from([1, 1, 1, 1]);

  it("compileLocality(two clusters) lists per zone the replicas in its cluster, in the others, and in its region's other zones", () => {
    const tables = compileLocality(topology, loadMeshProfile("istio"), podZone, servicePods, meshed, undefined, "all")!;
    expect(tables.sameCluster!.local.map((replicas) => [...replicas])).toEqual([[0, 1], [0, 1], [2]]);
    expect(tables.sameCluster!.remote.map((replicas) => [...replicas])).toEqual([[2], [2], [0, 1]]);
    expect(tables.sameRegion!.map((replicas) => [...replicas])).toEqual([[1], [0], []]);
  });

  it.each([
    { mesh: "istio", endpoints: "all" as const, first: [1, 0, 0, 0] },
    { mesh: "linkerd2", endpoints: "local-first" as const, first: [1, 1, 1, 1] },
    { mesh: "none", endpoints: "all" as const, first: [1, 1, 1, 1] },
  ])("compileLocality($mesh, $endpoints) keeps unmeshed callers to their cluster, and meshed ones as the mode says", ({ mesh, endpoints, first }) => {
    const callers = Uint8Array.from([0, 1, 1, 1]);
    expect([...compileLocality(topology, loadMeshProfile(mesh), podZone, servicePods, callers, undefined, endpoints)!.podClusterFirst!]).toEqual(first);
  });

  it.each([
    { mesh: "cilium", affinity: "remote" as const, meshed: CLUSTER_REMOTE_FIRST },
    { mesh: "cilium", affinity: "none" as const, meshed: CLUSTER_ALL },
    { mesh: "cilium", affinity: undefined, meshed: CLUSTER_LOCAL_FIRST },
    { mesh: "linkerd2", affinity: "none" as const, meshed: CLUSTER_LOCAL_FIRST },
  ])("clusterPreference($mesh, affinity $affinity) follows a Service's affinity for meshed callers where the profile reads it", ({ mesh, affinity, meshed }) => {
    const services = topology.services.map((service) => ({ ...service, ...(affinity ? { clusterAffinity: affinity } : {}) }));
    const callers = Uint8Array.from([0, 1, 1, 1]);
    const tables = compileLocality({ ...topology, services }, loadMeshProfile(mesh), podZone, servicePods, callers, undefined, "local-first")!;
    expect(clusterPreference(tables, 1, 0)).toBe(meshed);
    expect(clusterPreference(tables, 0, 0)).toBe(CLUSTER_LOCAL_FIRST);
    expect(tables.sameCluster!.remotePods.map((pods) => [...pods])).toEqual([[3], [3], [1, 2]]);
  });
});
