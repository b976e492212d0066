/**
 * Where each service's replicas run. Without an explicit list a service's pods are spread over
 * the nodes in file order, round-robin, continuing where the previous service stopped, so
 * replicas of one service land on different nodes as kube-scheduler's spreading would put them.
 */

import { EXTERNAL_NODE } from "./cluster-shape.js";

/** What placement needs of a service. */
export interface PlacedService {
  replicas: number;
  external: boolean;
  /** Nodes to use, cycled over the replicas. */
  nodes?: number[];
}

/**
 * The node of every replica of every service, in service order.
 * @example placePods([{ replicas: 2, external: false }, { replicas: 1, external: false }], 2) // [[0, 1], [0]]
 */
export function placePods(services: readonly PlacedService[], nodeCount: number): number[][] {
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
