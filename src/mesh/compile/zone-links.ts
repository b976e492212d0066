/**
 * The network of a cluster with zones: a link per (zone, zone) pair between different nodes, so a
 * chain's link step says which zones its bytes travel between, and counters the request flow adds
 * to as calls and messages cross them. Without zones none of this exists and links stay three.
 *
 *   links: [same node, cross node, external, zone 0->0, zone 0->1, ..., zone k-1->k-1, delays...]
 */

import type { ClusterShape, ClusterZones } from "../../cluster/index.js";
import { Link } from "../../queueing/index.js";

/** Index of the first zone-pair link (after same node, cross node and external). */
export const FIRST_ZONE_LINK = 3;

/** Per zone pair: calls from a caller in one zone to a callee in another, and bytes sent between nodes. */
export class ZoneLinks {
  readonly zoneCount: number;
  readonly names: readonly string[];
  /** Zone of each pod; -1 for a pod outside the cluster (an external service). */
  readonly podZone: Int32Array;
  /** Zone of each node. */
  readonly nodeZone: Int32Array;
  /** Calls started, per (caller zone * zoneCount + callee zone). */
  readonly calls: Float64Array;
  /** Bytes sent between two different nodes, per (from zone * zoneCount + to zone), requests and responses. */
  readonly bytes: Float64Array;
  /** Links below this index count bytes (the zone-pair links). */
  readonly countedLinks: number;

  constructor(zones: ClusterZones, podNode: Int32Array) {
    this.zoneCount = zones.names.length;
    this.names = zones.names;
    this.nodeZone = Int32Array.from(zones.nodeZone);
    this.podZone = Int32Array.from(podNode, (node) => (node < 0 ? -1 : zones.nodeZone[node]));
    this.calls = new Float64Array(this.zoneCount * this.zoneCount);
    this.bytes = new Float64Array(this.zoneCount * this.zoneCount);
    this.countedLinks = FIRST_ZONE_LINK + this.zoneCount * this.zoneCount;
  }

  /** The zone-pair links, in link order: cross-node within a zone, cross-zone between zones. */
  links(cluster: ClusterShape, zones: ClusterZones): Link[] {
    const result: Link[] = [];
    for (let from = 0; from < this.zoneCount; from++) {
      for (let to = 0; to < this.zoneCount; to++) {
        result.push(
          from === to ? new Link(cluster.crossNodeRttMs / 2, cluster.bandwidthGbps) : new Link(zoneRttMs(zones, from, to) / 2, zones.crossZoneBandwidthGbps),
        );
      }
    }
    return result;
  }

  /** Index into the network's links of the path between two different nodes. */
  linkBetween(fromNode: number, toNode: number): number {
    return FIRST_ZONE_LINK + this.nodeZone[fromNode] * this.zoneCount + this.nodeZone[toNode];
  }

  /** Zeroes the counters (the measured window opens). */
  reset(): void {
    this.calls.fill(0);
    this.bytes.fill(0);
  }
}

/**
 * Round trip between nodes of two different zones, ms: crossZoneRttMs within a region (two clusters of
 * one region included), the clusters' round trip between regions.
 */
export function zoneRttMs(zones: ClusterZones, from: number, to: number): number {
  const clusters = zones.clusters;
  if (!clusters) return zones.crossZoneRttMs;
  const a = clusters.zoneCluster[from];
  const b = clusters.zoneCluster[to];
  if (clusters.regions[a] === clusters.regions[b]) return zones.crossZoneRttMs;
  return clusters.rttMs[a * clusters.names.length + b];
}
