import { describe, expect, it } from "vitest";
import { UnschedulableError } from "../../../src/cluster/index.js";
import { placeRun, type MeshProfile, type ProxyCost } from "../../../src/mesh/index.js";
import { parseScenario } from "../../../src/import/index.js";

function proxy(resources: ProxyCost["resources"]): ProxyCost {
  const table = { http1: 0.01, http2: 0.01, grpc: 0.01, tcp: 0.01 };
  return { implementation: "test", workers: 2, pathMsPerPass: table, pathCv: 0, cpuMsPerRequest: table, cpuMsPerKiB: 0, memory: { baseMb: 1, perConnectionKb: 0, perEndpointKb: 0 }, resources };
}
const CONTROL = { components: "test", baseVcpu: 0, baseMemoryMb: 1, memoryPerProxyMb: 0, memoryPerServiceMb: 0, vcpuPer1000Rps: 0 };
const NONE: MeshProfile = { id: "none", name: "none", architecture: "none", description: "" };
const sidecars = (cpuRequest: string): MeshProfile => ({ id: "s", name: "s", architecture: "sidecar", description: "", dataPlane: { proxy: proxy({ cpuRequest, memoryRequestMb: "64Mi" }) }, controlPlane: CONTROL });
const agents = (cpuRequest: string): MeshProfile => ({ id: "a", name: "a", architecture: "ambient", description: "", dataPlane: { proxy: proxy({ cpuRequest }), l7Proxy: proxy({ cpuRequest: "100m" }) }, controlPlane: CONTROL });
const SETTINGS = { clientNode: 0, gatewayReplicas: 1, waypointReplicas: 1, ingressGateway: false, l7ProxyRuns: false };

/** Two nodes of 2 vCPU (1.93 allocatable); `web` asks 0.9 vCPU per replica. */
function topology(machine: boolean, replicas = 2) {
  return parseScenario(
    "placement.yaml",
    {
      name: "placement",
      cluster: { nodes: 2, ...(machine ? { vcpuPerNode: 2, memoryGbPerNode: 8 } : {}) },
      services: [{ name: "web", replicas, serviceTime: { type: "constant", valueMs: 1 }, resources: { cpuRequest: "900m", memoryRequestMb: 256 } }],
      requestTypes: [{ name: "r", entry: "web" }],
      load: { type: "open", ratePerSec: 10 },
    },
    "",
  ).topology;
}

describe("placeRun", () => {
  it("placeRun(no machine) keeps the scenario's round-robin placement and requests nothing", () => {
    const placement = placeRun(sidecars("1"), topology(false), SETTINGS);
    expect(placement.services).toEqual([[0, 1]]);
    expect(placement.requested).toBeUndefined();
  });

  it("placeRun(machines, no mesh) spreads the replicas and sums their requests per node", () => {
    const placement = placeRun(NONE, topology(true), SETTINGS);
    expect(placement.services).toEqual([[0, 1]]);
    expect(placement.requested).toEqual([
      { vcpu: 0.9, memoryMb: 256 },
      { vcpu: 0.9, memoryMb: 256 },
    ]);
  });

  it("placeRun(sidecars) counts each sidecar's requests towards its pod", () => {
    const placement = placeRun(sidecars("500m"), topology(true), SETTINGS);
    expect(placement.requested!.map((node) => node.vcpu)).toEqual([1.4, 1.4]);
    expect(placement.requested!.map((node) => node.memoryMb)).toEqual([320, 320]);
  });

  it("placeRun(sidecars, a meshed load generator) takes its sidecar's requests from the client's node; a sidecar requesting nothing takes nothing", () => {
    const placement = placeRun(sidecars("500m"), topology(true), { ...SETTINGS, clientMeshed: true });
    expect(placement.services).toEqual([[0, 1]]);
    expect(placement.requested!.map((node) => node.vcpu)).toEqual([1.9, 1.4]);
    expect(placement.requested!.map((node) => node.memoryMb)).toEqual([384, 320]);
    const free: MeshProfile = { ...sidecars("0"), dataPlane: { proxy: proxy({}) } };
    expect(placeRun(free, topology(true), { ...SETTINGS, clientMeshed: true }).requested).toEqual(placeRun(free, topology(true), SETTINGS).requested);
  });

  it("placeRun(sidecars too big for the nodes) refuses the pod that fits nowhere, naming it", () => {
    expect(() => placeRun(sidecars("1500m"), topology(true), SETTINGS)).toThrow(UnschedulableError);
    expect(() => placeRun(sidecars("1500m"), topology(true), SETTINGS)).toThrow(/pod web-0 \(requests 2\.4 vCPU.*with its sidecar\) fits on no node/);
  });

  it("placeRun(ambient) takes the ztunnel DaemonSet's requests from every node first", () => {
    const placement = placeRun(agents("200m"), topology(true), SETTINGS);
    expect(placement.requested!.map((node) => node.vcpu)).toEqual([1.1, 1.1]);
    expect(() => placeRun(agents("1100m"), topology(true), SETTINGS)).toThrow(/fits on no node/);
  });

  it("placeRun(gateway and waypoint replicas) places each replica: without machines from the client's node and from the last node", () => {
    const placement = placeRun(agents("100m"), topology(false, 1), { ...SETTINGS, gatewayReplicas: 3, waypointReplicas: 2, ingressGateway: false, l7ProxyRuns: true });
    expect(placement.gateways).toEqual([]);
    expect(placement.waypoints).toEqual([1, 0]);
  });
});

describe("placeRun with zones and machines", () => {
  function zoned(web: Record<string, unknown>) {
    return parseScenario(
      "zones.yaml",
      {
        name: "zones",
        cluster: { zones: [{ name: "a", nodes: 3 }, { name: "b", nodes: 1 }], vcpuPerNode: 4, memoryGbPerNode: 16 },
        services: [{ name: "web", serviceTime: { type: "constant", valueMs: 1 }, resources: { cpuRequest: "100m", memoryRequestMb: 64 }, ...web }],
        requestTypes: [{ name: "r", entry: "web" }],
        load: { type: "open", ratePerSec: 10 },
      },
      "",
    ).topology;
  }

  it("placeRun(2 replicas, 3 nodes in zone a and 1 in zone b) puts the second in zone b: the scheduler's zone spread", () => {
    expect(placeRun(NONE, zoned({ replicas: 2 }), SETTINGS).services).toEqual([[0, 3]]);
  });

  it("placeRun(replicas per zone) keeps each replica on its zone's nodes", () => {
    const [web] = placeRun(NONE, zoned({ zones: { a: 3 } }), SETTINGS).services;
    expect(web.every((node) => node <= 2)).toBe(true);
    expect(new Set(web).size).toBe(3);
  });
});
