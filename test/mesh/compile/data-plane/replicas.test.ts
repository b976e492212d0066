/**
 * Gateway and waypoint replicas: each replica is its own station on its own node, and the
 * calls spread over them (gateway replicas take requests in turn, waypoint replicas a share of
 * the pod pairs' connections).
 */

import { describe, expect, it } from "vitest";
import { Simulation } from "../../../../src/engine/index.js";
import { compileTopologyProgram, deriveMeshOptions, RequestFlow, type MeshProfile, type ProxyCost } from "../../../../src/mesh/index.js";
import { createRng } from "../../../../src/random/index.js";
import { parseScenario } from "../../../../src/import/index.js";

function constantProxy(passMs: number): ProxyCost {
  const table = { http1: passMs, http2: passMs, grpc: passMs, tcp: passMs };
  return { implementation: "test", workers: 4, pathMsPerPass: table, pathCv: 0, cpuMsPerRequest: table, cpuMsPerKiB: 0, memory: { baseMb: 1, perConnectionKb: 0, perEndpointKb: 0 } };
}

const CONTROL = { components: "test", baseVcpu: 0, baseMemoryMb: 1, memoryPerProxyMb: 0, memoryPerServiceMb: 0, vcpuPer1000Rps: 0 };
const SIDECARS: MeshProfile = { id: "s", name: "s", architecture: "sidecar", description: "", dataPlane: { proxy: constantProxy(0.01), gateway: constantProxy(0.01) }, controlPlane: CONTROL };
const AMBIENT: MeshProfile = {
  id: "a",
  name: "a",
  architecture: "ambient",
  description: "",
  dataPlane: { proxy: constantProxy(0.01), l7Proxy: constantProxy(0.01), gateway: constantProxy(0.01) },
  controlPlane: CONTROL,
};

/** Sends `requests` requests (one every ms) through `profile` and returns each station's visits by name. */
function visitsByStation(profile: MeshProfile, mesh: { gatewayReplicas: number; waypointReplicas: number; l7: boolean }, requests: number): Map<string, number> {
  const scenario = parseScenario(
    "replicas.yaml",
    {
      name: "replicas",
      cluster: { nodes: 3 },
      services: [
        { name: "front", replicas: 3, concurrency: 8, serviceTime: { type: "constant", valueMs: 0.1 } },
        { name: "back", replicas: 3, concurrency: 8, serviceTime: { type: "constant", valueMs: 0.1 } },
      ],
      requestTypes: [{ name: "r", entry: "front", calls: [{ call: "back" }] }],
      load: { type: "open", ratePerSec: 1000, ingress: "gateway", client: { node: 0 } },
    },
    "",
  );
  const { topology, load } = scenario;
  const sim = new Simulation();
  const flow = new RequestFlow(sim, {
    topology,
    program: compileTopologyProgram(topology),
    profile,
    mesh: deriveMeshOptions(profile, topology, { mtls: "off", l7: mesh.l7, ingress: "gateway", encryption: "none", clientNode: 0, gatewayReplicas: mesh.gatewayReplicas, waypointReplicas: mesh.waypointReplicas }),
    clientNode: load.client.node,
    clientMeshed: load.client.meshed,
    clientKeepAlive: true,
    streams: (...purpose) => createRng(1, ...purpose),
    maxInFlight: 1_000_000,
    observer: { requestCompleted: () => {}, requestFailed: () => {} },
  });
  const send = sim.on("send", () => flow.startRequest(0, sim.now, -1));
  for (let i = 0; i < requests; i++) sim.schedule(i, send, 0);
  sim.run();
  return new Map(flow.network.stations.map((station) => [station.name, station.stats().visits]));
}

describe("gateway and waypoint replicas", () => {
  it("createSidecars(3 gateway replicas) takes requests through each replica in turn (request and response passes)", () => {
    const visits = visitsByStation(SIDECARS, { gatewayReplicas: 3, waypointReplicas: 1, l7: false }, 300);
    const gateways = [...visits].filter(([name]) => name.startsWith("gateway"));
    expect(gateways).toHaveLength(3);
    for (const [name, count] of gateways) expect(count, name).toBe(200);
  });

  it("createAmbient(2 waypoint replicas) spreads the pod pairs' calls over both waypoints", () => {
    const visits = visitsByStation(AMBIENT, { gatewayReplicas: 1, waypointReplicas: 2, l7: true }, 600);
    const waypoints = [...visits].filter(([name]) => name.startsWith("waypoint"));
    expect(waypoints.map(([name]) => name).sort()).toEqual(["waypoint", "waypoint#1"]);
    const total = waypoints.reduce((sum, [, count]) => sum + count, 0);
    // Every call to a meshed callee passes a waypoint twice: 600 x 2 calls x 2 passes.
    expect(total).toBe(2400);
    for (const [name, count] of waypoints) expect(count / total, name).toBeGreaterThan(0.2);
  });

  it("createAmbient(1 waypoint replica) keeps one waypoint station, on the last node", () => {
    const visits = visitsByStation(AMBIENT, { gatewayReplicas: 1, waypointReplicas: 1, l7: true }, 100);
    expect([...visits.keys()].filter((name) => name.startsWith("waypoint"))).toEqual(["waypoint"]);
  });
});
