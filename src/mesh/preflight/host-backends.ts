/**
 * Which services a call to a name reaches: a plain service reaches itself; a traffic rule's
 * host reaches its routes' backends. Used where the load must be known before a run (the
 * overload pre-check, connection and endpoint counts), not in the request path.
 */

import type { Topology } from "../model/index.js";
import { catchAllRoute, type TrafficRule } from "../model/index.js";

export interface BackendShare {
  service: string;
  /** Fraction of the host's calls that reach the service. */
  share: number;
}

/**
 * The services behind `name` with their shares of its calls. With `applied`, a host's shares
 * are its catch-all route's weights (the route most traffic takes); without, calls bypass the
 * rule and kube-proxy spreads them over every backend's pods, in proportion to replicas.
 */
export function hostBackends(topology: Topology, name: string, applied: boolean): BackendShare[] {
  const rule = ruleFor(topology, name);
  if (!rule) return [{ service: name, share: 1 }];
  if (applied) {
    const route = catchAllRoute(rule);
    const total = route.backends.reduce((sum, backend) => sum + backend.weight, 0);
    return route.backends.filter((backend) => backend.weight > 0).map((backend) => ({ service: backend.service, share: backend.weight / total }));
  }
  const replicas = new Map(topology.services.map((service) => [service.name, service.replicas]));
  const names = bypassServices(topology, rule);
  const total = names.reduce((sum, service) => sum + replicas.get(service)!, 0);
  return names.map((service) => ({ service, share: replicas.get(service)! / total }));
}

/** The rule whose host is `name`, if any. */
export function ruleFor(topology: Topology, name: string): TrafficRule | undefined {
  return topology.traffic?.find((rule) => rule.host === name);
}

/**
 * Services whose pods a call to the rule's host reaches when no proxy applies the rule: the
 * host's Kubernetes Service selects every version's pods (the SMI and Istio canary pattern),
 * plus the host's own pods when the host is itself a service.
 */
export function bypassServices(topology: Topology, rule: TrafficRule): string[] {
  const names = new Set<string>();
  if (serviceNames(topology).has(rule.host)) names.add(rule.host);
  for (const route of rule.routes) for (const backend of route.backends) names.add(backend.service);
  return [...names];
}

// --- internal ---

/** Each topology's service names, made once: a network of 20,000 services and 10,000 rules asks 3 x 10^4 times. */
const serviceNamesOf = new WeakMap<Topology, Set<string>>();

function serviceNames(topology: Topology): Set<string> {
  let names = serviceNamesOf.get(topology);
  if (names === undefined) {
    names = new Set(topology.services.map((service) => service.name));
    serviceNamesOf.set(topology, names);
  }
  return names;
}
