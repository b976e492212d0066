import type { ClusterZones } from "./cluster-zones.js";

/**
 * The physical cluster a scenario runs on: how many nodes, what machine each node is, and the
 * network between them and to the outside. Pods are placed on these nodes; external services sit
 * outside every node.
 */

/** Location of an external service (or anything outside the cluster): no node. */
export const EXTERNAL_NODE = -1;

/** Nodes and the network between them, ms and Gbit/s. */
export interface ClusterShape {
  nodes: number;
  sameNodeRttMs: number;
  crossNodeRttMs: number;
  externalRttMs: number;
  bandwidthGbps: number;
  /**
   * What each node is: vCPU, memory in GB (GiB) and the machine type when one was named. Undefined when
   * the scenario declares no machine: then nodes have no CPU to contend for and pods are placed
   * round-robin, as before machines existed.
   */
  machine?: { vcpu: number; memoryGb: number; type?: string };
  /** What pods may request on each node (GKE's node allocatable formula), vCPU and MB; set with machine. */
  allocatable?: { vcpu: number; memoryMb: number };
  /** Availability zones, when the scenario declares them (`cluster.zones`); undefined: one place, no zones. */
  zones?: ClusterZones;
}
