/**
 * Where a run's pods are: the services' replicas, the ingress gateway's and the waypoint's, and
 * what the pods request of each node. Decided before simulating (preflight/run-placement.ts).
 */

import type { BoundPod } from "../../cluster/index.js";

export interface RunPlacement {
  /** The node of each replica of each service, in service order (EXTERNAL_NODE for external ones). */
  services: number[][];
  /** The node of each ingress gateway replica (empty without a gateway). */
  gateways: number[];
  /** The node of each waypoint replica (empty when the run has none). */
  waypoints: number[];
  /** With several clusters: the node of each replica of each cluster's multi-cluster gateway (none in a mode without gateways). */
  clusterGateways?: number[][];
  /** What is requested on each node (pods, sidecars, agents) by the pods running from the start, vCPU and MB; only with machines. */
  requested?: Array<{ vcpu: number; memoryMb: number }>;
  /**
   * Per service, how many of its pods can run at once: an autoscaled service's pods beyond this
   * found no room when placed in the order its autoscaler adds them, and would stay pending.
   * Only with machines and an autoscaled service.
   */
  runnable?: number[];
  /**
   * Only with machines: the pods running from the start on their nodes (DaemonSet pods on every
   * node included), as kube-scheduler sees them when it places a pod later in the run.
   */
  bound?: BoundPod[];
}
