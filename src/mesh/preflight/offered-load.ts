/**
 * Offered load per service, from the call trees and the request rate alone (no simulation):
 * expected visits per request, the time a visit holds a worker, and so the utilisation. A
 * station at or above 1 can never keep up, so such a run is refused before it starts.
 */

import { meanOf } from "../../random/index.js";
import type { CallNode, Service, Topology } from "../model/index.js";
import { expandHostCalls } from "./expand-host-calls.js";

export interface ServiceLoad {
  service: string;
  /** Expected visits to the service per request sent by the load generator. */
  visitsPerRequest: number;
  /** Mean time one visit keeps a worker busy, ms (a lower bound for holdWorker services). */
  holdMs: number;
  /** Offered utilisation of the service's workers at the given rate. */
  utilization: number;
  /**
   * Offered CPU over the service's CPU limit (its replicas' limits together), when it has one:
   * at 1 or more CFS throttles it in every period and its queue grows without bound.
   */
  cpuLimitUtilization?: number;
}

/**
 * Offered load of every service at `ratePerSec` requests per second; calls to a traffic rule's
 * host spread by its weights when `rulesApplied`, else over every backend's pods; with
 * `retriesApplied` (a mesh's proxies apply the rules) each counts its expected tries too.
 * @example offeredLoad(topology, 100).find((s) => s.utilization >= 1)
 */
export function offeredLoad(withHosts: Topology, ratePerSec: number, rulesApplied = true, retriesApplied = false): ServiceLoad[] {
  const topology = expandHostCalls(withHosts, rulesApplied, retriesApplied);
  const byName = new Map(topology.services.map((service) => [service.name, service]));
  const visits = new Map<string, number>(topology.services.map((service) => [service.name, 0]));
  const totalWeight = topology.requestTypes.reduce((sum, type) => sum + type.weight, 0);
  for (const type of topology.requestTypes) countVisits(type.root, type.weight / totalWeight, visits);

  const holdMs = holdTimes(topology, byName, totalWeight);

  return topology.services.map((service) => {
    const perRequest = visits.get(service.name) ?? 0;
    const hold = holdMs.get(service.name) ?? meanOf(service.serviceTime);
    const capacity = service.replicas * service.concurrency;
    const limit = service.resources?.cpuLimit;
    const cpuMsPerSec = ratePerSec * perRequest * meanOf(service.serviceTime) * service.cpuShare;
    return {
      service: service.name,
      visitsPerRequest: perRequest,
      holdMs: hold,
      utilization: (ratePerSec * perRequest * hold) / 1000 / capacity,
      ...(limit !== undefined ? { cpuLimitUtilization: cpuMsPerSec / 1000 / (service.replicas * limit) } : {}),
    };
  });
}

// --- internal ---

function expectedCount(node: CallNode): number {
  return node.probability * node.repeat;
}

function countVisits(node: CallNode, multiplier: number, visits: Map<string, number>): void {
  const count = multiplier * expectedCount(node);
  if (node.kind === "call") {
    visits.set(node.service, (visits.get(node.service) ?? 0) + count);
    for (const child of node.calls) countVisits(child, count, visits);
  } else {
    for (const child of node.nodes) countVisits(child, count, visits);
  }
}

/** Time from a call's arrival at its callee to its response, ignoring queueing and network. */
function responseMs(node: CallNode, byName: Map<string, Service>): number {
  if (node.kind === "call") {
    const own = meanOf(byName.get(node.service)!.serviceTime);
    return own + node.calls.reduce((sum, child) => sum + syncTime(child, byName), 0);
  }
  const times = node.nodes.map((child) => syncTime(child, byName));
  return node.kind === "parallel" ? Math.max(0, ...times) : times.reduce((sum, time) => sum + time, 0);
}

/** Expected time a parent waits for this node (async hand-offs cost it nothing). */
function syncTime(node: CallNode, byName: Map<string, Service>): number {
  if (node.kind === "call" && node.async) return 0;
  return expectedCount(node) * responseMs(node, byName);
}

/**
 * A holdWorker service keeps its worker for its own work plus its calls: the mean of that over
 * the call sites that visit it, weighted by how often each is visited.
 */
function holdTimes(topology: Topology, byName: Map<string, Service>, totalWeight: number): Map<string, number> {
  const weighted = new Map<string, { visits: number; holdMs: number }>();
  const walk = (node: CallNode, multiplier: number): void => {
    const count = multiplier * expectedCount(node);
    if (node.kind === "call") {
      if (byName.get(node.service)!.holdWorker) {
        const entry = weighted.get(node.service) ?? { visits: 0, holdMs: 0 };
        entry.visits += count;
        entry.holdMs += count * responseMs(node, byName);
        weighted.set(node.service, entry);
      }
      for (const child of node.calls) walk(child, count);
    } else {
      for (const child of node.nodes) walk(child, count);
    }
  };
  for (const type of topology.requestTypes) walk(type.root, type.weight / totalWeight);
  return new Map([...weighted].map(([name, entry]) => [name, entry.visits > 0 ? entry.holdMs / entry.visits : 0]));
}
