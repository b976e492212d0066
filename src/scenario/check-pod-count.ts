/**
 * The scenario's size limits, each with the field that asks for the most named when passed: the
 * pods in all (counted before anything is built for them), then, once the call trees are
 * resolved, the traffic rules with those imported, and the pairs of pods calls can take (the
 * network's tables).
 */

import { calleeServices, podPairsInto, type Topology } from "../mesh/index.js";
import type { Fail } from "./_fail.js";
import type { RawScenario, RawService } from "./raw-scenario.js";
import { MAX_POD_PAIRS, MAX_PODS, MAX_TRAFFIC_RULES } from "./value-limits.js";

/**
 * Refuses more than MAX_PODS pods in all (the services' replicas, and the gateway's when the load
 * enters through it), naming the service with the most.
 * @example checkPodCount(raw, fail) // fail("services[2].replicas", "is 19999, making 20004 pods in all ...")
 */
export function checkPodCount(raw: RawScenario, fail: Fail): void {
  // An autoscaled service compiles its maxReplicas pods; one placed per zone or cluster, their sum.
  const replicas = raw.services.map((service) => service.autoscaling?.maxReplicas ?? service.replicas ?? placedReplicas(service) ?? 1);
  const gateway = entryGatewayPods(raw);
  const pods = replicas.reduce((sum, count) => sum + count, gateway);
  if (pods <= MAX_PODS) return;
  // A loop, not Math.max(...replicas): a list of services that long would overflow the stack as arguments.
  let largest = 0;
  replicas.forEach((count, index) => (largest = count > replicas[largest] ? index : largest));
  const field = gateway > replicas[largest] ? "mesh.gatewayReplicas" : replicasField(raw, largest);
  const given = field === "mesh.gatewayReplicas" ? gateway : replicas[largest];
  fail(
    field,
    `is ${given}, making ${pods} pods in all (${raw.services.length} services${gateway > 0 ? " and the gateway" : ""}); ` +
      `at most ${MAX_PODS} pods fit, since the network keeps a station, containers and counters for each`,
  );
}

/**
 * Refuses a topology with more than MAX_TRAFFIC_RULES traffic rules (written or imported), or whose
 * calls can take more than MAX_POD_PAIRS pairs of pods, naming the service the most pairs call.
 * @example checkNetworkSize(raw, topology, fail) // fail("services[1].replicas", "is 3000: calls can take 9000000 pairs of pods ...")
 */
export function checkNetworkSize(raw: RawScenario, topology: Topology, fail: Fail): void {
  const rules = topology.traffic?.length ?? 0;
  if (rules > MAX_TRAFFIC_RULES) {
    fail("traffic", `holds ${rules} rules (with those imported); at most ${MAX_TRAFFIC_RULES} fit, since each client keeps its retry budgets by host in a table keyed by client and host`);
  }
  const pods = topology.services.map((service) => service.replicas);
  const entryPods = Math.max(1, entryGatewayPods(raw));
  const pairsInto = podPairsInto(calleeServices(topology), pods, entryPods);
  const pairs = pairsInto.reduce((sum, count) => sum + count, 0);
  if (pairs <= MAX_POD_PAIRS) return;
  let largest = 0;
  pairsInto.forEach((count, index) => (largest = count > pairsInto[largest] ? index : largest));
  fail(
    replicasField(raw, largest),
    `is ${pods[largest]}: calls can take ${pairs} pairs of pods in all, ${pairsInto[largest]} of them from its callers' pods to its own; ` +
      `at most ${MAX_POD_PAIRS} fit, since the network keeps chains and a connection pool for each pair`,
  );
}

// --- internal ---

/** The ingress gateway's replicas when the load enters through it, else 0. */
function entryGatewayPods(raw: RawScenario): number {
  return raw.load.ingress === "gateway" ? (raw.mesh?.gatewayReplicas ?? 1) : 0;
}

/** The field that gives the service's pod count. */
function replicasField(raw: RawScenario, index: number): string {
  const service = raw.services[index];
  const counted = service.autoscaling ? "autoscaling.maxReplicas" : service.replicas !== undefined ? "replicas" : service.zones ? "zones" : service.clusters ? "clusters" : "replicas";
  return `services[${index}].${counted}`;
}

/** The replicas a service's `zones` or `clusters` map places, when it gives one. */
function placedReplicas(service: RawService): number | undefined {
  const counts = Object.values(service.zones ?? service.clusters ?? {}).flatMap((given) => (typeof given === "number" ? [given] : Object.values(given)));
  return counts.length > 0 ? counts.reduce((sum, count) => sum + count, 0) : undefined;
}
