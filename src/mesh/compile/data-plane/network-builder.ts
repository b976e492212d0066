/**
 * What a data plane may ask of the network it is compiled into: where pods are, whether they
 * are meshed, links between nodes, pure delays, and new proxy stations. Keeps the data-plane
 * files free of ServiceNetwork's internals.
 */

import type { ProxyCost } from "../../model/index.js";

export interface NetworkBuilder {
  readonly podCount: number;
  readonly nodeCount: number;
  nodeOf(pod: number): number;
  isMeshed(pod: number): boolean;
  /** Whether the pod's service has a policy marked `l7: true`. */
  hasL7Policy(pod: number): boolean;
  /** Protocol index (PROTOCOLS) of the calls a pod serves. */
  protocolOf(pod: number): number;
  /** The ingress gateway standing in for this pod's own proxy (the load generator's, in gateway mode). */
  gatewayFor(pod: number): ProxyCost | undefined;
  /** Label of a pod for station names: its service, or "load-generator". */
  labelOf(pod: number): string;
  /** Step for the network between two nodes (EXTERNAL_NODE for outside the cluster). */
  linkStep(fromNode: number, toNode: number): number;
  /** As linkStep, for the hop where the call's connection is made: a new connection's handshakes cross it. */
  connectStep(fromNode: number, toNode: number): number;
  /**
   * The steps between two nodes for a call whose server is on `serverNode`: [linkStep or connectStep]
   * within a cluster; between clusters, the multi-cluster gateways the mesh's mode passes as well.
   */
  pathSteps(fromNode: number, toNode: number, serverNode: number, connect: boolean): number[];
  /** Whether calls to this pod's service multiplex over one connection (HTTP/2, gRPC). */
  isMultiplexed(pod: number): boolean;
  /** Step for a fixed delay in ms (no queueing, no CPU). */
  delayStep(ms: number): number;
  /** The node of each waypoint replica (the run's placement). */
  readonly waypointNodes: readonly number[];
  /**
   * Adds a proxy station costed by `cost`, running on `node`; returns its step (station index).
   * A proxy that `terminatesTls` pays the handshake and encryption of the mTLS connections it ends.
   * `pod`: the pod whose own proxy it is (a sidecar, a gateway replica), which starts and stops with it.
   */
  addProxy(name: string, group: string, cost: ProxyCost, terminatesTls: boolean, node: number, pod?: number): number;
  /** Adds an infinite-server station on `node` that costs `ms` of CPU per visit (an in-kernel hook). */
  addKernelHook(name: string, group: string, ms: number, node: number): number;
  /**
   * Adds an infinite-server in-kernel station that encrypts or decrypts each pass's payload
   * (WireGuard, IPsec): the pass's encryption CPU, plus `latencyMsPerPass` that uses no CPU.
   */
  addKernelCrypto(name: string, group: string, latencyMsPerPass: number, node: number): number;
}
