/**
 * The physical cluster a scenario runs on: how many nodes, and the network between them and to
 * the outside. Pods are placed on these nodes; external services sit outside every node.
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
}
