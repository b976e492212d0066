/**
 * Who calls whom, and how often: the call trees folded into edges between services (the load
 * generator included as a caller), each with its expected calls per request sent. What a mesh's
 * metrics are labelled by and what its dashboards draw.
 */

import { LOAD_GENERATOR, type CallNode, type Topology } from "../model/index.js";
import { expandHostCalls } from "./expand-host-calls.js";

export interface CallEdge {
  /** The calling service, or LOAD_GENERATOR for the requests themselves. */
  from: string;
  /** The called service. */
  to: string;
  /** Expected calls along this edge per request the load generator sends (weights, probabilities and repeats applied). */
  callsPerRequest: number;
}

/**
 * The edges of `topology`'s call trees, in first-visit order (request types in order, depth
 * first), calls to a traffic rule's host spread over its backends by the rule's weights.
 * @example callEdges(topology)[0] // { from: "load-generator", to: "web", callsPerRequest: 1 }
 */
export function callEdges(withHosts: Topology): CallEdge[] {
  const topology = expandHostCalls(withHosts, true);
  const edges = new Map<string, CallEdge>();
  const totalWeight = topology.requestTypes.reduce((sum, type) => sum + type.weight, 0);
  const walk = (caller: string, node: CallNode, multiplier: number): void => {
    const count = multiplier * node.probability * node.repeat;
    if (node.kind !== "call") {
      for (const child of node.nodes) walk(caller, child, count);
      return;
    }
    const key = `${caller}\u0000${node.service}`;
    const edge = edges.get(key) ?? { from: caller, to: node.service, callsPerRequest: 0 };
    edge.callsPerRequest += count;
    edges.set(key, edge);
    for (const child of node.calls) walk(node.service, child, count);
  };
  for (const type of topology.requestTypes) walk(LOAD_GENERATOR, type.root, type.weight / totalWeight);
  return [...edges.values()];
}
