/**
 * The contract every architecture implements: given a caller pod and a callee pod, the steps a
 * request takes to reach the callee's app and the steps its response takes back. Steps are
 * station indices (>= 0) or links and delays (negative), as ServiceNetwork encodes them.
 */

/** The connection a call between two pods rides on: who its two ends are and how it is shared. */
export interface ConnectionSpec {
  /** Identity of the two ends (poolKey): calls with the same key share a pool. */
  key: number;
  /** One connection carries every concurrent call (HTTP/2, gRPC, HBONE). */
  multiplexed: boolean;
  /** The ends are mesh proxies that keep connections open whatever the app does (L7 pooling). */
  pooledByProxies: boolean;
  /** Both ends are mesh proxies that can speak mTLS to each other. */
  betweenProxies: boolean;
}

/** Where a call's request and response go between two pods under one mesh architecture. */
export interface DataPlane {
  requestSteps(callerPod: number, calleePod: number): number[];
  responseSteps(callerPod: number, calleePod: number): number[];
  connection(callerPod: number, calleePod: number): ConnectionSpec;
}

/** What a pool key is made of: two pods, two nodes' proxies, two nodes' agents, or a node's agent and a pod. */
export type PoolEnds = "pods" | "node-proxies" | "node-agents" | "agent-to-pod";

/**
 * The pool key of a connection between `from` and `to` (pods or nodes, as `ends` says): a number,
 * each kind of ends in a range of its own (pods x pods, nodes x nodes twice, nodes x pods, in that
 * order) so that no two kinds share a key. A string per pod pair was most of a large network's
 * build time: a thousand pods make a million pairs.
 * @example poolKey({ podCount: 10, nodeCount: 2 }, "pods", 3, 7) // 37
 */
export function poolKey(network: { podCount: number; nodeCount: number }, ends: PoolEnds, from: number, to: number): number {
  const { podCount, nodeCount } = network;
  const podPairs = podCount * podCount;
  const nodePairs = nodeCount * nodeCount;
  switch (ends) {
    case "pods":
      return from * podCount + to;
    case "node-proxies":
      return podPairs + from * nodeCount + to;
    case "node-agents":
      return podPairs + nodePairs + from * nodeCount + to;
    case "agent-to-pod":
      return podPairs + 2 * nodePairs + from * podCount + to;
  }
}
