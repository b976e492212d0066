/**
 * Per-node agent architecture (Linkerd 1.x as a DaemonSet, Traefik Mesh): one proxy per node,
 * shared by every meshed pod on it. Linkerd 1 goes linker-to-linker (the client's node agent,
 * then the server's); Traefik Mesh only through the client node's proxy, which forwards straight
 * to the destination pod.
 *
 *   both:   app A -> agent(node A) -> network -> agent(node B) -> app B
 *   client: app A -> agent(node A) -> network -> app B
 */

import type { ProxyCost } from "../../model/index.js";
import { PROTOCOLS, proxiesProtocol } from "../proxy-cost-model.js";
import { directConnection } from "./no-mesh.js";
import { EXTERNAL_NODE } from "../../../cluster/index.js";
import { poolKey, type DataPlane } from "./data-plane.js";
import type { NetworkBuilder } from "./network-builder.js";

export function createNodeAgents(network: NetworkBuilder, proxy: ProxyCost, hops: "both" | "client", redirectMs: number): DataPlane {
  const agentOf = new Int32Array(network.nodeCount);
  for (let node = 0; node < network.nodeCount; node++) {
    agentOf[node] = network.addProxy(`agent:node-${node}`, `agent/node-${node}`, proxy, true, node);
  }
  const redirect = redirectMs > 0 ? [network.delayStep(redirectMs)] : [];
  /** From a pod to its node's agent and back is a same-node hop, plus the redirect. */
  const viaAgent = (pod: number, callee: number): number[] => {
    const node = network.nodeOf(pod);
    if (node === EXTERNAL_NODE || !network.isMeshed(pod) || !proxiesProtocol(proxy, network.protocolOf(callee))) return [];
    return [...redirect, network.linkStep(node, node), agentOf[node]];
  };
  // Between clusters (data centres) the path may pass the far cluster's agent acting as its ingress (ServiceNetwork.pathSteps).
  const link = (from: number, to: number, callee: number) => network.pathSteps(network.nodeOf(from), network.nodeOf(to), network.nodeOf(callee), true);
  const serverSide = (callee: number): number[] => (hops === "both" ? viaAgent(callee, callee) : []);
  return {
    requestSteps: (caller, callee) => [...viaAgent(caller, callee), ...link(caller, callee, callee), ...serverSide(callee).reverse()],
    responseSteps: (caller, callee) => [...serverSide(callee), ...link(callee, caller, callee), ...viaAgent(caller, callee).reverse()],
    connection: (caller, callee) => {
      const clientAgent = viaAgent(caller, callee).length > 0;
      const serverAgent = serverSide(callee).length > 0;
      if (!clientAgent) return directConnection(network, caller, callee);
      // The client node's agent pools connections to the far end: the server node's agent
      // (linker-to-linker) or the destination pod itself.
      const from = network.nodeOf(caller);
      const tcp = PROTOCOLS[network.protocolOf(callee)] === "tcp";
      return {
        key: serverAgent ? poolKey(network, "node-agents", from, network.nodeOf(callee)) : poolKey(network, "agent-to-pod", from, callee),
        multiplexed: network.isMultiplexed(callee),
        pooledByProxies: !tcp,
        betweenProxies: serverAgent,
      };
    },
  };
}
