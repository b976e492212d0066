/**
 * Which services each caller can ever call: the call trees walked with every call to a traffic
 * rule's host spread over all the services behind it (every route's backends, and the host itself
 * when it is a service), since weights may change during a run and a caller without a proxy
 * bypasses the rule. Only these (caller pod, callee pod) pairs can carry a call, so the network
 * keeps its per-pair tables for them alone, not for every pair of pods.
 */

import type { CallNode, Topology } from "../model/index.js";
import { bypassServices, ruleFor } from "./host-backends.js";

/** The load generator's row in calleeServices: its pods (the entry pods) have no service. */
export const LOAD_GENERATOR_CALLER = 0;

/**
 * Per caller (row 0 the load generator, row 1 + s service s), the indices of the services it can
 * call, ascending.
 * @example calleeServices(topology)[0] // [0]: the load generator calls the entry service only
 */
export function calleeServices(topology: Topology): number[][] {
  const serviceIndex = new Map(topology.services.map((service, index) => [service.name, index]));
  const callees = Array.from({ length: topology.services.length + 1 }, () => new Set<number>());
  const behind = new Map<string, number[]>();
  const servicesBehind = (name: string): number[] => {
    let services = behind.get(name);
    if (services === undefined) {
      const rule = ruleFor(topology, name);
      services = (rule ? bypassServices(topology, rule) : [name]).map((service) => serviceIndex.get(service)!);
      behind.set(name, services);
    }
    return services;
  };
  // A call node's children are called by whichever of its services served it. Each (node, caller)
  // is walked once: a tree is finite, and the services behind a host are few.
  const walk = (node: CallNode, callers: readonly number[]): void => {
    if (node.kind !== "call") {
      for (const child of node.nodes) walk(child, callers);
      return;
    }
    const services = servicesBehind(node.service);
    for (const caller of callers) for (const service of services) callees[caller].add(service);
    const nextCallers = services.map((service) => service + 1);
    for (const child of node.calls) walk(child, nextCallers);
  };
  for (const type of topology.requestTypes) walk(type.root, [LOAD_GENERATOR_CALLER]);
  return callees.map((services) => [...services].sort((a, b) => a - b));
}

/**
 * The (caller pod, callee pod) pairs that can carry a call, by callee service: the pods of each
 * caller that calls the service times its pods. `pods[s]` is service s's pod count; `entryPods`
 * the load generator's.
 * @example podPairsInto([[0], [1], []], [3, 2], 1) // [1 x 3, 3 x 2] = [3, 6]
 */
export function podPairsInto(callees: readonly (readonly number[])[], pods: readonly number[], entryPods: number): Float64Array {
  const pairs = new Float64Array(pods.length);
  callees.forEach((services, caller) => {
    const callerPods = caller === LOAD_GENERATOR_CALLER ? entryPods : pods[caller - 1];
    for (const service of services) pairs[service] += callerPods * pods[service];
  });
  return pairs;
}
