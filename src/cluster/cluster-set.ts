/**
 * Several clusters (`clusters: [...]`): each cluster's zones become zones of one flat list, so the
 * zone machinery (links per zone pair, zone traffic, locality tables) carries them, and this set
 * says which cluster and region each zone belongs to and how far apart the regions are.
 */

/**
 * Round trip between nodes of clusters in different regions when the scenario gives none, ms: the
 * two coasts of the United States. A private ping between VPCs peered across AWS us-east-1 and
 * us-west-2 measured ~55 ms; Azure's published inter-region statistics give 5 to 72 ms within North
 * America (learn.microsoft.com azure-network-latency, October 2019). models/SOURCES.md, "Clusters and
 * regions". Set `clusters[].rttMs` for the regions at hand.
 */
export const DEFAULT_CROSS_REGION_RTT_MS = 60;

/** The clusters of a scenario and the network between them. */
export interface ClusterSet {
  /** Cluster names, in declaration order (a cluster's index is its place here). */
  names: string[];
  /** Region of each cluster. */
  regions: string[];
  /** Cluster of each zone, by the zone's index in ClusterZones.names. */
  zoneCluster: number[];
  /** Round trip between nodes of two clusters, ms, per (from * clusters + to); unused on the diagonal. */
  rttMs: number[];
  /** When each cluster fails, s into the measured time; undefined: it never does. */
  failAtS: Array<number | undefined>;
}

/**
 * The cluster of each node, from the zone of each node.
 * @example clusterOfNodes({ zoneCluster: [0, 0, 1] }, [0, 1, 2, 2]) // [0, 0, 1, 1]
 */
export function clusterOfNodes(clusters: Pick<ClusterSet, "zoneCluster">, nodeZone: readonly number[]): number[] {
  return nodeZone.map((zone) => clusters.zoneCluster[zone]);
}

/** The nodes of each cluster, in node order. */
export function nodesOfClusters(clusters: Pick<ClusterSet, "names" | "zoneCluster">, nodeZone: readonly number[]): number[][] {
  const result = clusters.names.map((): number[] => []);
  nodeZone.forEach((zone, node) => result[clusters.zoneCluster[zone]].push(node));
  return result;
}
