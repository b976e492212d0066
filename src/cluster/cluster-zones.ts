/**
 * Availability zones within one cluster: which zone each node is in, and the network between zones.
 * Zones are optional; a cluster without them keeps the two-level network (same node, cross node).
 */

import type { ClusterSet } from "./cluster-set.js";

/**
 * Round trip between nodes in different zones of one region, ms: AWS's zones are "<2 ms apart, usually
 * <1 ms" (James Hamilton, AWS re:Invent 2014 SPOT301, at 18:00), within Azure's documented bound
 * ("availability zones are connected by a high-performance network with a round-trip latency of less than
 * approximately 2 ms", learn.microsoft.com availability-zones-overview, as of 2025-01-29). models/SOURCES.md,
 * "Zones and the cloud network".
 */
export const DEFAULT_CROSS_ZONE_RTT_MS = 1;

/** Zone names given as a count: `zone-a`, `zone-b`, ... (a cloud's own names need listing). */
export const ZONE_LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** The zones of a cluster (or of several clusters, flattened) and the network between them. */
export interface ClusterZones {
  /** Zone names, in declaration order (a zone's index is its place here). */
  names: string[];
  /** Zone index of each node. */
  nodeZone: number[];
  /** Round trip between nodes of different zones, ms. */
  crossZoneRttMs: number;
  /** Bandwidth of a path between zones, Gbit/s. */
  crossZoneBandwidthGbps: number;
  /** With several clusters (`clusters: [...]`): the cluster of each zone and the round trips between them. */
  clusters?: ClusterSet;
}

/**
 * The zone of each node. With nodes per zone given, zones take consecutive nodes in order; otherwise nodes
 * go to zones in turn (node i in zone i mod k), as a node group balanced over its zones launches them
 * (EC2 Auto Scaling's "balance across Availability Zones"; GKE's regional node pools put the same number in each).
 * @example zoneOfNodes(5, 3) // [0, 1, 2, 0, 1]
 * @example zoneOfNodes(5, 2, [2, 3]) // [0, 0, 1, 1, 1]
 */
export function zoneOfNodes(nodes: number, zones: number, nodesPerZone?: readonly number[]): number[] {
  if (nodesPerZone) return nodesPerZone.flatMap((count, zone) => Array.from({ length: count }, () => zone));
  return Array.from({ length: nodes }, (_, node) => node % zones);
}

/** The nodes of each zone, in node order. */
export function nodesOfZones(zones: Pick<ClusterZones, "names" | "nodeZone">): number[][] {
  const result = zones.names.map((): number[] => []);
  zones.nodeZone.forEach((zone, node) => result[zone].push(node));
  return result;
}

/** `zone-a`, `zone-b`, ... for a count of zones; past 26, `zone-27` and on. */
export function defaultZoneName(index: number): string {
  return index < ZONE_LETTERS.length ? `zone-${ZONE_LETTERS[index]}` : `zone-${index + 1}`;
}

/**
 * The zone of each replica of a service: replicas per zone keep to their zones whatever the
 * scheduler does; the others (listed nodes among them) are where they were placed.
 * @example replicaZones({ zoneReplicas: [1, 2], placement: [0, 3, 4] }, [0, 0, 1, 1, 1]) // [0, 1, 1]
 */
export function replicaZones(service: { zoneReplicas?: readonly number[]; placement: readonly number[] }, nodeZone: readonly number[]): number[] {
  return service.zoneReplicas ? service.zoneReplicas.flatMap((count, zone) => Array.from({ length: count }, () => zone)) : service.placement.map((node) => nodeZone[node]);
}
