/**
 * ServiceNetwork compiled from small scenario documents: the per-pod arrays and placement, the
 * three node-to-node links, and the interned request and response chains, as the request flow
 * reads them (a station index >= 0, a link as -(index + 1), a connect hop as
 * -(index + 1 + CONNECT_STEP_OFFSET)).
 */

import { describe, expect, it } from "vitest";
import { EXTERNAL_NODE } from "../../../src/cluster/index.js";
import { Simulation } from "../../../src/engine/index.js";
import { CLIENT_POD, CONNECT_STEP_OFFSET, ServiceNetwork, type StreamFactory } from "../../../src/mesh/compile/index.js";
import { deriveMeshOptions, type MeshProfile, type ProxyCost } from "../../../src/mesh/index.js";
import { createRng } from "../../../src/random/index.js";
import { parseScenario } from "../../../src/import/index.js";
import { loadMeshProfile } from "../../../src/scenario/index.js";

const NO_MESH: MeshProfile = { id: "none", name: "none", architecture: "none", description: "" };

function constantProxy(passMs: number): ProxyCost {
  const table = { http1: passMs, http2: passMs, grpc: passMs, tcp: passMs };
  return { implementation: "test", workers: 1, pathMsPerPass: table, pathCv: 0, cpuMsPerRequest: table, cpuMsPerKiB: 0, memory: { baseMb: 1, perConnectionKb: 0, perEndpointKb: 0 } };
}

/** Sidecars of 0.1 ms per pass, after a 0.005 ms redirect. */
const SIDECAR_MESH: MeshProfile = {
  id: "sidecar",
  name: "sidecar",
  architecture: "sidecar",
  description: "",
  dataPlane: { proxy: constantProxy(0.1), redirectMsPerPass: 0.005 },
  controlPlane: { components: "test", baseVcpu: 0, baseMemoryMb: 1, memoryPerProxyMb: 0, memoryPerServiceMb: 0, vcpuPer1000Rps: 0 },
};

const constant = (valueMs: number) => ({ type: "constant", valueMs });

/**
 * front (2 replicas), back (1, on node 2), an unmeshed legacy service (1) and an external api;
 * 3 nodes with round trips of 0.04 ms on a node, 0.2 ms between nodes, 20 ms to the outside.
 * Requests of type r enter at front, which calls the other three; r2 and r3 enter at back and
 * legacy, so that the network holds those services' calls too (it keeps the pairs calls take).
 */
function shopDocument(options: { clientMeshed?: boolean } = {}) {
  return {
    name: "shop",
    cluster: { nodes: 3, network: { sameNodeRttMs: 0.04, crossNodeRttMs: 0.2, externalRttMs: 20 } },
    services: [
      { name: "front", replicas: 2, concurrency: 4, serviceTime: constant(1), keepAliveIdleS: 5 },
      { name: "back", nodes: [2], serviceTime: constant(1), keepAlive: false },
      { name: "legacy", meshed: false, serviceTime: constant(1) },
      { name: "api", external: true, serviceTime: constant(1) },
    ],
    requestTypes: [
      { name: "r", entry: "front", calls: [{ call: "back" }, { call: "legacy" }, { call: "api" }] },
      { name: "r2", entry: "back", calls: [{ call: "legacy" }, { call: "api" }] },
      { name: "r3", entry: "legacy", calls: [{ call: "front" }, { call: "api" }] },
    ],
    load: { type: "open", ratePerSec: 10, client: { node: 1, meshed: options.clientMeshed ?? true } },
  };
}

/** Compiles `document` under `profile` (mTLS off, no L7, direct ingress, no encryption), its streams from `streams`. */
function compile(document: object, profile: MeshProfile, streams: StreamFactory = (...purpose) => createRng(1, ...purpose)): ServiceNetwork {
  const scenario = parseScenario("shop.yaml", document, "");
  const { topology, load } = scenario;
  const zero = () => 0;
  return new ServiceNetwork(new Simulation(), {
    topology,
    profile,
    mesh: deriveMeshOptions(profile, topology, { mtls: "off", l7: false, ingress: "direct", encryption: "none", ...(scenario.mesh.multiCluster ? { multiCluster: scenario.mesh.multiCluster } : {}) }),
    clientNode: load.client.node,
    clientMeshed: load.client.meshed,
    clientKeepAlive: load.keepAlive,
    streams,
    callbacks: {
      appServed: () => {},
      stepServed: () => {},
      pass: { describe: () => {}, encryptionCpuMsOf: zero },
    },
  });
}

/** The steps of a chain id. */
function chainSteps(network: ServiceNetwork, chain: number): number[] {
  const { steps, chainStart, chainLength } = network.chains;
  return [...steps.subarray(chainStart[chain], chainStart[chain] + chainLength[chain])];
}

const requestSteps = (network: ServiceNetwork, caller: number, callee: number) => chainSteps(network, network.chains.request(caller, callee));
const responseSteps = (network: ServiceNetwork, caller: number, callee: number) => chainSteps(network, network.chains.response(caller, callee));

/** The station index of the one station in hop group `group`. */
function stationOf(network: ServiceNetwork, group: string): number {
  const indices = network.stationGroup.flatMap((name, index) => (name === group ? [index] : []));
  expect(indices, group).toHaveLength(1);
  return indices[0];
}

// Pods: 0 load generator (node 1), 1-2 front (nodes 0, 1), 3 back (node 2, listed), 4 legacy (node 2: the round robin
// goes on from front's; a listed node does not move it), 5 api (outside).
const [FRONT_0, FRONT_1, BACK, LEGACY, API] = [1, 2, 3, 4, 5];

describe("ServiceNetwork: pods", () => {
  const network = compile(shopDocument(), NO_MESH);

  it("new ServiceNetwork(shop) numbers pods from 1 after the load generator, in service and replica order", () => {
    expect(CLIENT_POD).toBe(0);
    expect(network.podCount).toBe(6);
    expect([...network.podService]).toEqual([-1, 0, 0, 1, 2, 3]);
    expect(network.servicePods.map((pods) => [...pods])).toEqual([[FRONT_0, FRONT_1], [BACK], [LEGACY], [API]]);
  });

  it("new ServiceNetwork(shop) places the load generator on its node, replicas round-robin or on their listed nodes, external services on no node", () => {
    expect([...network.podNode]).toEqual([1, 0, 1, 2, 2, EXTERNAL_NODE]);
    expect(network.nodeOf(API)).toBe(EXTERNAL_NODE);
    expect(network.nodeCount).toBe(3);
  });

  it("new ServiceNetwork(shop) gives each replica its own app station (external ones grouped as external/), none to the load generator", () => {
    expect(network.podStation[CLIENT_POD]).toBe(-1);
    const stations = [FRONT_0, FRONT_1, BACK, LEGACY, API].map((pod) => network.podStation[pod]);
    expect(new Set(stations).size).toBe(5);
    expect(stations.map((station) => network.stationGroup[station])).toEqual(["app/front", "app/front", "app/back", "app/legacy", "external/api"]);
    expect(stations.map((station) => network.stations[station].name)).toEqual(["front[0]", "front[1]", "back[0]", "legacy[0]", "api[0]"]);
    expect(network.stations[network.podStation[FRONT_0]].workers).toBe(4);
  });

  it("new ServiceNetwork(shop) marks meshed pods: meshed services and a meshed client, never an unmeshed or external service", () => {
    expect([...network.podMeshed]).toEqual([1, 1, 1, 1, 0, 0]);
    expect([...compile(shopDocument({ clientMeshed: false }), NO_MESH).podMeshed]).toEqual([0, 1, 1, 1, 0, 0]);
  });

  it("new ServiceNetwork(shop) copies keep-alive and its idle timeout per pod (Infinity: no limit)", () => {
    expect([...network.podKeepAlive]).toEqual([1, 1, 1, 0, 1, 1]);
    expect([...network.podKeepAliveIdleMs]).toEqual([Infinity, 5000, 5000, Infinity, Infinity, Infinity]);
  });
});

describe("ServiceNetwork: links", () => {
  const network = compile(shopDocument(), NO_MESH);

  it("new ServiceNetwork(shop) makes links 0-2 the one-way paths on a node, between nodes and to the outside", () => {
    expect(network.links.slice(0, 3).map((link) => link.oneWayMs)).toEqual([0.02, 0.1, 10]);
  });

  it.each([
    [0, 0, 0],
    [2, 2, 0],
    [0, 1, 1],
    [2, 0, 1],
    [1, EXTERNAL_NODE, 2],
    [EXTERNAL_NODE, 1, 2],
  ])("linkBetween(%i, %i) is link %i", (from, to, link) => {
    expect(network.linkBetween(from, to)).toBe(link);
    expect(network.linkStep(from, to)).toBe(-(link + 1));
    expect(network.connectStep(from, to)).toBe(-(link + 1 + CONNECT_STEP_OFFSET));
  });

  it("delayStep(ms) appends a pure delay after links 0-2 and returns its step", () => {
    const fresh = compile(shopDocument(), NO_MESH);
    const step = fresh.delayStep(0.25);
    expect(step).toBe(-4);
    expect(fresh.links[3].oneWayMs).toBe(0.25);
    // Payload adds nothing to a pure delay.
    expect(fresh.links[3].delayMs(1_000_000)).toBe(0.25);
  });
});

describe("ServiceNetwork: chains without a mesh", () => {
  const network = compile(shopDocument(), NO_MESH);
  const connect = (link: number) => -(link + 1 + CONNECT_STEP_OFFSET);

  it("new ServiceNetwork(shop, no mesh) makes every request and response one connect hop over the link between the two pods' nodes", () => {
    expect(requestSteps(network, CLIENT_POD, FRONT_0)).toEqual([connect(1)]);
    expect(requestSteps(network, CLIENT_POD, FRONT_1)).toEqual([connect(0)]);
    expect(requestSteps(network, FRONT_0, BACK)).toEqual([connect(1)]);
    expect(requestSteps(network, BACK, LEGACY)).toEqual([connect(0)]);
    expect(requestSteps(network, FRONT_1, LEGACY)).toEqual([connect(1)]);
    expect(requestSteps(network, FRONT_0, API)).toEqual([connect(2)]);
    expect(responseSteps(network, FRONT_0, API)).toEqual([connect(2)]);
    expect(responseSteps(network, CLIENT_POD, FRONT_1)).toEqual([connect(0)]);
  });

  it("new ServiceNetwork(shop, no mesh) interns identical chains: one id per link, shared by every pair that uses it", () => {
    const ids = new Set<number>();
    for (let caller = 0; caller < network.podCount; caller++) {
      network.pairs.forEachCallee(caller, (callee) => {
        ids.add(network.chains.request(caller, callee));
        ids.add(network.chains.response(caller, callee));
      });
    }
    expect(ids.size).toBe(3);
    expect(network.chains.count).toBe(3);
    expect([...network.chains.chainLength.subarray(0, 3)]).toEqual([1, 1, 1]);
    expect(network.chains.request(CLIENT_POD, FRONT_1)).toBe(network.chains.request(BACK, LEGACY));
    expect(network.chains.request(CLIENT_POD, FRONT_0)).toBe(network.chains.response(FRONT_1, LEGACY));
    expect(network.chains.request(FRONT_0, API)).toBe(network.chains.response(BACK, API));
  });

  it("new ServiceNetwork(shop, no mesh) packs the chains back to back in steps", () => {
    expect([...network.chains.chainStart.subarray(0, network.chains.count)]).toEqual([0, 1, 2]);
  });
});

describe("ServiceNetwork: chains through sidecars", () => {
  const network = compile(shopDocument(), SIDECAR_MESH);
  /** The redirect delay is the first link after 0-2. */
  const redirect = -4;
  const connect = (link: number) => -(link + 1 + CONNECT_STEP_OFFSET);
  const sidecar = (group: string) => stationOf(network, `sidecar/${group}`);

  it("new ServiceNetwork(shop, sidecars) adds one sidecar station per meshed pod, after the app stations", () => {
    const frontSidecars = network.stationGroup.flatMap((group, index) => (group === "sidecar/front" ? [network.stations[index].name] : []));
    expect(frontSidecars).toEqual([`sidecar:front#${FRONT_0}`, `sidecar:front#${FRONT_1}`]);
    expect(network.stationGroup).toEqual(["app/front", "app/front", "app/back", "app/legacy", "external/api", "sidecar/load-generator", "sidecar/front", "sidecar/front", "sidecar/back"]);
    expect(network.links[3].oneWayMs).toBe(0.005);
  });

  it("new ServiceNetwork(shop, sidecars) sends a meshed-to-meshed request through the caller's sidecar, the link, then the callee's, each after a redirect", () => {
    const backSidecar = sidecar("back");
    const front0Sidecar = network.stationGroup.indexOf("sidecar/front");
    expect(requestSteps(network, FRONT_0, BACK)).toEqual([redirect, front0Sidecar, connect(1), redirect, backSidecar]);
    expect(responseSteps(network, FRONT_0, BACK)).toEqual([redirect, backSidecar, connect(1), redirect, front0Sidecar]);
    expect(requestSteps(network, CLIENT_POD, FRONT_0)).toEqual([redirect, sidecar("load-generator"), connect(1), redirect, front0Sidecar]);
  });

  it("new ServiceNetwork(shop, sidecars) passes only the meshed end's sidecar on calls to an unmeshed or external service", () => {
    const front1Sidecar = network.stationGroup.lastIndexOf("sidecar/front");
    expect(requestSteps(network, FRONT_1, LEGACY)).toEqual([redirect, front1Sidecar, connect(1)]);
    expect(responseSteps(network, FRONT_1, LEGACY)).toEqual([connect(1), redirect, front1Sidecar]);
    expect(requestSteps(network, FRONT_1, API)).toEqual([redirect, front1Sidecar, connect(2)]);
  });

  it("new ServiceNetwork(shop, sidecars) gives each pod pair its own chain when the sidecars differ, and shares it when they do not", () => {
    const front0Sidecar = network.stationGroup.indexOf("sidecar/front");
    const front1Sidecar = network.stationGroup.lastIndexOf("sidecar/front");
    expect(network.chains.request(FRONT_0, BACK)).not.toBe(network.chains.request(FRONT_1, BACK));
    // legacy (unmeshed, node 2) calling either front replica: the same link, a different callee sidecar.
    expect(requestSteps(network, LEGACY, FRONT_0)).toEqual([connect(1), redirect, front0Sidecar]);
    expect(requestSteps(network, LEGACY, FRONT_1)).toEqual([connect(1), redirect, front1Sidecar]);
    expect(network.chains.request(LEGACY, FRONT_0)).not.toBe(network.chains.request(LEGACY, FRONT_1));
    // A request and its response with no sidecar on either end, over the external link: one chain.
    expect(requestSteps(network, LEGACY, API)).toEqual([connect(2)]);
    expect(network.chains.request(LEGACY, API)).toBe(network.chains.response(LEGACY, API));
    // Every chain is stored once.
    const keys = Array.from({ length: network.chains.count }, (_, id) => chainSteps(network, id).join(","));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("ServiceNetwork: proxies' random streams", () => {
  it("seeds a sidecar's stream when a chain through it is first built, and one no chain passes never", () => {
    const seeded: string[] = [];
    const network = compile(shopDocument(), SIDECAR_MESH, (...purpose) => {
      if (purpose[0] === "proxy") seeded.push(String(purpose[1]));
      return createRng(1, ...purpose);
    });
    expect(seeded).toEqual([]);
    network.chains.request(FRONT_0, BACK);
    expect(seeded).toEqual([`sidecar:front#${FRONT_0}`, `sidecar:back#${BACK}`]);
    // The response passes the same two: nothing more is seeded.
    network.chains.response(FRONT_0, BACK);
    network.chains.request(FRONT_1, LEGACY);
    expect(seeded).toEqual([`sidecar:front#${FRONT_0}`, `sidecar:back#${BACK}`, `sidecar:front#${FRONT_1}`]);
  });
});

describe("ServiceNetwork: chains between clusters (pathSteps)", () => {
  /** east (nodes 0-1, us-east-1) and west (nodes 2-3, us-west-2), 62 ms apart; the load generator on node 0 calls server in west. */
  const twoClusters = (mesh: object = {}) => ({
    name: "two",
    clusters: [
      { name: "east", region: "us-east-1", nodes: 2, rttMs: { west: 62 } },
      { name: "west", region: "us-west-2", nodes: 2 },
    ],
    services: [{ name: "server", clusters: { west: 1 }, serviceTime: constant(1) }],
    requestTypes: [{ name: "r", entry: "server" }],
    load: { type: "open", ratePerSec: 10, client: { node: 0, meshed: true } },
    mesh,
  });

  /** The chain's steps as names: station groups, and links as their one-way ms (connect hops marked). */
  function described(network: ServiceNetwork, chain: number): string[] {
    return chainSteps(network, chain).map((step) => {
      if (step >= 0) return network.stationGroup[step];
      const connect = -step - 1 >= CONNECT_STEP_OFFSET;
      const link = network.links[(connect ? -step - 1 - CONNECT_STEP_OFFSET : -step - 1)];
      return `${connect ? "connect " : ""}${link.oneWayMs}ms`;
    });
  }

  it("new ServiceNetwork(two clusters, istio) sends a call to another network through that cluster's east-west gateway, the region's round trip on the way there", () => {
    const network = compile(twoClusters(), loadMeshProfile("istio"));
    expect(described(network, network.chains.request(CLIENT_POD, 1))).toEqual(["0.01ms", "sidecar/load-generator", "connect 31ms", "cluster-gateway/west", "0.1ms", "0.01ms", "sidecar/server"]);
    expect(described(network, network.chains.response(CLIENT_POD, 1))).toEqual(["0.01ms", "sidecar/server", "0.1ms", "cluster-gateway/west", "connect 31ms", "0.01ms", "sidecar/load-generator"]);
  });

  it("new ServiceNetwork(two clusters, istio flat) goes pod to pod: one link between the regions, no gateway", () => {
    const network = compile(twoClusters({ multiCluster: { modes: { istio: "flat" } } }), loadMeshProfile("istio"));
    expect(described(network, network.chains.request(CLIENT_POD, 1))).toEqual(["0.01ms", "sidecar/load-generator", "connect 31ms", "0.01ms", "sidecar/server"]);
    expect(network.stationGroup.some((group) => group.startsWith("cluster-gateway"))).toBe(false);
  });

  it("new ServiceNetwork(two clusters, consul) passes the caller cluster's mesh gateway, then the callee cluster's, and the reverse for the response", () => {
    const network = compile(twoClusters(), loadMeshProfile("consul"));
    const request = described(network, network.chains.request(CLIENT_POD, 1)).filter((step) => !step.endsWith("ms") || step.startsWith("connect"));
    expect(request).toEqual(["sidecar/load-generator", "cluster-gateway/east", "connect 31ms", "cluster-gateway/west", "sidecar/server"]);
    const response = described(network, network.chains.response(CLIENT_POD, 1)).filter((step) => !step.endsWith("ms") || step.startsWith("connect"));
    expect(response).toEqual(["sidecar/server", "cluster-gateway/west", "connect 31ms", "cluster-gateway/east", "sidecar/load-generator"]);
  });

  it("new ServiceNetwork(two clusters, mesh.multiCluster.gatewayReplicas: 2) makes each cluster's gateway a deployment of two stations", () => {
    const network = compile(twoClusters({ multiCluster: { gatewayReplicas: 2 } }), loadMeshProfile("linkerd2"));
    expect(network.stationGroup.filter((group) => group === "cluster-gateway/west")).toHaveLength(2);
    expect(network.stationGroup.filter((group) => group === "cluster-gateway/east")).toHaveLength(2);
  });
});
