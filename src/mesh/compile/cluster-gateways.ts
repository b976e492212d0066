/**
 * The multi-cluster gateways of a run: each cluster's replicas as proxy stations, and the steps of a
 * path between two nodes of different clusters through them, as the mesh's mode has it. Without
 * clusters, or in a mode without gateways, a path is its one link.
 *
 *   destination, request:  from -> [link] -> server cluster's gateway -> [link] -> to
 *   both, request:         from -> client cluster's gateway -> [link] -> server cluster's gateway -> to
 *   responses go back the same way, through the same replicas.
 */

import { clusterOfNodes, EXTERNAL_NODE, type ClusterZones } from "../../cluster/index.js";
import type { MeshOptions, ProxyCost } from "../model/index.js";

/** What the gateways need of the network: its links' steps and a way to add a proxy station. */
export interface GatewayNetwork {
  linkStep(fromNode: number, toNode: number): number;
  connectStep(fromNode: number, toNode: number): number;
  addProxy(name: string, group: string, cost: NonNullable<NonNullable<MeshOptions["multiCluster"]>["gateway"]>, terminatesTls: boolean, node: number): number;
}

export class ClusterGateways {
  readonly #network: GatewayNetwork;
  readonly #gatewaysAt: "none" | "destination" | "both";
  /** Cluster of each node; empty without clusters. */
  readonly #nodeCluster: Int32Array;
  /** Per cluster, the station and the node of each gateway replica. */
  readonly #steps: number[][];
  readonly #nodes: number[][];

  /** Adds each cluster's gateway replicas to `network` when the run's mode passes gateways. */
  constructor(network: GatewayNetwork, mesh: MeshOptions, zones: ClusterZones | undefined) {
    this.#network = network;
    const clusters = zones?.clusters;
    const multiCluster = mesh.multiCluster;
    const placed = mesh.placement.clusterGateways;
    this.#nodeCluster = clusters && zones ? Int32Array.from(clusterOfNodes(clusters, zones.nodeZone)) : new Int32Array(0);
    const withGateways = clusters !== undefined && multiCluster?.gateway !== undefined && placed !== undefined && multiCluster.gateways !== "none";
    this.#gatewaysAt = withGateways ? multiCluster!.gateways : "none";
    this.#nodes = withGateways ? placed! : [];
    // A gateway that routes by SNI forwards the mTLS stream unread: an opaque TCP pass, whatever the call's protocol.
    const cost = withGateways ? (multiCluster!.gatewayTerminatesTls ? multiCluster!.gateway! : opaqueTcpCost(multiCluster!.gateway!)) : undefined;
    this.#steps = withGateways
      ? placed!.map((nodes, cluster) =>
          nodes.map((node, replica) =>
            network.addProxy(`cluster-gateway:${clusters!.names[cluster]}#${replica}`, `cluster-gateway/${clusters!.names[cluster]}`, cost!, multiCluster!.gatewayTerminatesTls, node),
          ),
        )
      : [];
  }

  /**
   * The steps between two nodes for a call whose server runs on `serverNode`: one link, or between
   * clusters the mode's gateways too (the server cluster's, and with `both` the client cluster's
   * first), the same replica each way (picked by the client's node: a connection sticks to one).
   * `connect`: the hop where the call's connection is made; through gateways, the leg between clusters.
   */
  pathSteps(fromNode: number, toNode: number, serverNode: number, connect: boolean): number[] {
    const network = this.#network;
    const hop = (a: number, b: number, crossing: boolean) => (connect && crossing ? network.connectStep(a, b) : network.linkStep(a, b));
    const clusterOf = this.#nodeCluster;
    if (this.#gatewaysAt === "none" || fromNode === EXTERNAL_NODE || toNode === EXTERNAL_NODE || clusterOf[fromNode] === clusterOf[toNode]) {
      return [hop(fromNode, toNode, true)];
    }
    const serverCluster = clusterOf[serverNode];
    const towardsServer = clusterOf[toNode] === serverCluster;
    const clientNode = towardsServer ? fromNode : toNode;
    const pick = (cluster: number) => {
      const replica = clientNode % this.#steps[cluster].length;
      return { step: this.#steps[cluster][replica], node: this.#nodes[cluster][replica] };
    };
    const far = pick(serverCluster);
    if (this.#gatewaysAt === "destination") {
      return towardsServer
        ? [hop(fromNode, far.node, true), far.step, network.linkStep(far.node, toNode)]
        : [network.linkStep(fromNode, far.node), far.step, hop(far.node, toNode, true)];
    }
    const near = pick(clusterOf[clientNode]);
    return towardsServer
      ? [network.linkStep(fromNode, near.node), near.step, hop(near.node, far.node, true), far.step, network.linkStep(far.node, toNode)]
      : [network.linkStep(fromNode, far.node), far.step, hop(far.node, near.node, true), near.step, network.linkStep(near.node, toNode)];
  }
}

/**
 * The proxy's cost with every protocol at its opaque TCP figures: what a pass costs a gateway that
 * reads only the TLS handshake's SNI and copies the bytes (Istio's AUTO_PASSTHROUGH, Consul's and
 * Kuma's SNI routing).
 * @example opaqueTcpCost(istio.dataPlane.gateway).cpuMsPerRequest.http1 // the tcp figure, 0.098
 */
export function opaqueTcpCost(cost: ProxyCost): ProxyCost {
  const tcp = (table: ProxyCost["pathMsPerPass"]) => ({ http1: table.tcp, http2: table.tcp, grpc: table.tcp, tcp: table.tcp });
  return { ...cost, pathMsPerPass: tcp(cost.pathMsPerPass), cpuMsPerRequest: tcp(cost.cpuMsPerRequest) };
}
