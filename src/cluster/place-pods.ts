/**
 * Where each service's replicas run. Without an explicit list a service's pods are spread over
 * the nodes in file order, round-robin, continuing where the previous service stopped, so
 * replicas of one service land on different nodes as kube-scheduler's spreading would put them.
 * With zones, replicas go to the zones in turn first (the scheduler's default zone spread,
 * topology.kubernetes.io/zone), then round-robin over that zone's nodes.
 */

import { EXTERNAL_NODE } from "./cluster-shape.js";

/** What placement needs of a service. */
export interface PlacedService {
  replicas: number;
  external: boolean;
  /** Nodes to use, cycled over the replicas. */
  nodes?: number[];
  /** Replicas in each zone (by zone index), when the service fixes them; they sum to `replicas`. */
  zoneReplicas?: number[];
}

/**
 * The node of every replica of every service, in service order. `nodeZone` gives each node's zone
 * (every zone holding at least one node); without it the cluster has no zones.
 * @example placePods([{ replicas: 2, external: false }, { replicas: 1, external: false }], 2) // [[0, 1], [0]]
 * @example placePods([{ replicas: 3, external: false }], 4, [0, 1, 0, 1]) // [[0, 1, 2]]
 */
export function placePods(services: readonly PlacedService[], nodeCount: number, nodeZone?: readonly number[]): number[][] {
  if (nodeZone) return placeInZones(services, nodeZone);
  let nextNode = 0;
  return services.map((service) => {
    const placement: number[] = [];
    for (let replica = 0; replica < service.replicas; replica++) {
      if (service.external) placement.push(EXTERNAL_NODE);
      else if (service.nodes) placement.push(service.nodes[replica % service.nodes.length]);
      else placement.push(nextNode++ % nodeCount);
    }
    return placement;
  });
}

// --- internal ---

function placeInZones(services: readonly PlacedService[], nodeZone: readonly number[]): number[][] {
  const zoneCount = Math.max(...nodeZone) + 1;
  const zoneNodes = Array.from({ length: zoneCount }, (): number[] => []);
  nodeZone.forEach((zone, node) => zoneNodes[zone].push(node));
  const cursor = new Array<number>(zoneCount).fill(0);
  const take = (zone: number): number => zoneNodes[zone][cursor[zone]++ % zoneNodes[zone].length];
  let nextZone = 0;
  return services.map((service) => {
    const placement: number[] = [];
    if (service.zoneReplicas && !service.external) {
      service.zoneReplicas.forEach((count, zone) => {
        for (let i = 0; i < count; i++) placement.push(take(zone));
      });
      return placement;
    }
    for (let replica = 0; replica < service.replicas; replica++) {
      if (service.external) placement.push(EXTERNAL_NODE);
      else if (service.nodes) placement.push(service.nodes[replica % service.nodes.length]);
      else placement.push(take(nextZone++ % zoneCount));
    }
    return placement;
  });
}
