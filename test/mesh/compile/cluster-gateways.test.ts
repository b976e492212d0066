import { describe, expect, it } from "vitest";
import { ClusterGateways, opaqueTcpCost, type GatewayNetwork } from "../../../src/mesh/compile/cluster-gateways.js";
import type { ClusterZones } from "../../../src/cluster/index.js";
import type { MeshOptions, ProxyCost } from "../../../src/mesh/index.js";

/** east: nodes 0-1, west: nodes 2-3 (one zone each). */
const ZONES: ClusterZones = {
  names: ["east/zone-a", "west/zone-a"],
  nodeZone: [0, 0, 1, 1],
  crossZoneRttMs: 1,
  crossZoneBandwidthGbps: 10,
  clusters: { names: ["east", "west"], regions: ["us-east-1", "us-west-2"], zoneCluster: [0, 1], rttMs: [60, 60, 60, 60], failAtS: [undefined, undefined] },
};
const TABLE = { http1: 0.03, http2: 0.03, grpc: 0.03, tcp: 0.01 };
const COST = { workers: 1, pathMsPerPass: TABLE, cpuMsPerRequest: TABLE } as unknown as ProxyCost;

/** A network whose steps read as text: links "a>b", connect hops "a=>b", proxies by name. */
function fakeNetwork(): GatewayNetwork & { names: string[] } {
  const names: string[] = [];
  return {
    names,
    linkStep: (a, b) => -(a * 10 + b + 1),
    connectStep: (a, b) => -(a * 10 + b + 1001),
    addProxy: (name) => names.push(name) - 1,
  };
}

function described(network: ReturnType<typeof fakeNetwork>, steps: number[]): string[] {
  return steps.map((step) => (step >= 0 ? network.names[step] : -step > 1000 ? `${Math.floor((-step - 1001) / 10)}=>${(-step - 1001) % 10}` : `${Math.floor((-step - 1) / 10)}>${(-step - 1) % 10}`));
}

function gateways(at: "none" | "destination" | "both", replicas = 1) {
  const network = fakeNetwork();
  const mesh = {
    placement: { services: [], gateways: [], waypoints: [], clusterGateways: [Array.from({ length: replicas }, (_, r) => 1 - r), Array.from({ length: replicas }, (_, r) => 3 - r)] },
    multiCluster: { mode: "m", gateways: at, ...(at === "none" ? {} : { gateway: COST }), gatewayTerminatesTls: false, endpoints: "all", controlPlane: "multi-primary" },
  } as unknown as MeshOptions;
  return { network, paths: new ClusterGateways(network, mesh, ZONES) };
}

describe("ClusterGateways", () => {
  it("pathSteps(within a cluster, or in a mode without gateways) is the one link", () => {
    const { network, paths } = gateways("destination");
    expect(described(network, paths.pathSteps(0, 1, 1, true))).toEqual(["0=>1"]);
    const flat = gateways("none");
    expect(described(flat.network, flat.paths.pathSteps(0, 2, 2, true))).toEqual(["0=>2"]);
    expect(flat.network.names).toEqual([]);
  });

  it("pathSteps(destination) passes the server cluster's gateway both ways, the connection made on the leg between clusters", () => {
    const { network, paths } = gateways("destination");
    expect(described(network, paths.pathSteps(0, 2, 2, true))).toEqual(["0=>3", "cluster-gateway:west#0", "3>2"]);
    expect(described(network, paths.pathSteps(2, 0, 2, true))).toEqual(["2>3", "cluster-gateway:west#0", "3=>0"]);
  });

  it("pathSteps(both) passes the client cluster's gateway, then the server's, and back", () => {
    const { network, paths } = gateways("both");
    expect(described(network, paths.pathSteps(0, 2, 2, true))).toEqual(["0>1", "cluster-gateway:east#0", "1=>3", "cluster-gateway:west#0", "3>2"]);
    expect(described(network, paths.pathSteps(2, 0, 2, false))).toEqual(["2>3", "cluster-gateway:west#0", "3>1", "cluster-gateway:east#0", "1>0"]);
  });

  it("pathSteps() with two replicas keeps a client node's calls, both ways, on one replica", () => {
    const { network, paths } = gateways("destination", 2);
    expect(described(network, paths.pathSteps(1, 2, 2, true))[1]).toBe("cluster-gateway:west#1");
    expect(described(network, paths.pathSteps(2, 1, 2, true))[1]).toBe("cluster-gateway:west#1");
    expect(described(network, paths.pathSteps(0, 2, 2, true))[1]).toBe("cluster-gateway:west#0");
  });

  it("opaqueTcpCost(a gateway) costs every protocol at its tcp figures, the rest unchanged", () => {
    const cost = { workers: 2, pathMsPerPass: { http1: 0.032, http2: 0.035, grpc: 0.037, tcp: 0.016 }, cpuMsPerRequest: { http1: 0.2, http2: 0.22, grpc: 0.23, tcp: 0.1 }, cpuMsPerKiB: 0.002 } as unknown as ProxyCost;
    const opaque = opaqueTcpCost(cost);
    expect(opaque.pathMsPerPass).toEqual({ http1: 0.016, http2: 0.016, grpc: 0.016, tcp: 0.016 });
    expect(opaque.cpuMsPerRequest).toEqual({ http1: 0.1, http2: 0.1, grpc: 0.1, tcp: 0.1 });
    expect({ ...opaque, pathMsPerPass: cost.pathMsPerPass, cpuMsPerRequest: cost.cpuMsPerRequest }).toEqual(cost);
  });
});
