/**
 * The scenario's pod limit: every pod counted, before anything is built for them (the network's
 * tables are pods x pods), and the field that asks for the most named when they are too many.
 */

import type { Fail } from "./_fail.js";
import type { RawScenario, RawService } from "./raw-scenario.js";
import { MAX_PODS } from "./value-limits.js";

/**
 * Refuses more than MAX_PODS pods in all (the services' replicas, and the gateway's when the load
 * enters through it), naming the service with the most.
 * @example checkPodCount(raw, fail) // fail("services[2].replicas", "is 1999, making 2004 pods in all ...")
 */
export function checkPodCount(raw: RawScenario, fail: Fail): void {
  // An autoscaled service compiles its maxReplicas pods; one placed per zone or cluster, their sum.
  const replicas = raw.services.map((service) => service.autoscaling?.maxReplicas ?? service.replicas ?? placedReplicas(service) ?? 1);
  const gateway = raw.load.ingress === "gateway" ? (raw.mesh?.gatewayReplicas ?? 1) : 0;
  const pods = replicas.reduce((sum, count) => sum + count, gateway);
  if (pods <= MAX_PODS) return;
  // A loop, not Math.max(...replicas): a list of services that long would overflow the stack as arguments.
  let largest = 0;
  replicas.forEach((count, index) => (largest = count > replicas[largest] ? index : largest));
  const service = raw.services[largest];
  const counted = service.autoscaling ? "autoscaling.maxReplicas" : service.replicas !== undefined ? "replicas" : service.zones ? "zones" : service.clusters ? "clusters" : "replicas";
  const field = gateway > replicas[largest] ? "mesh.gatewayReplicas" : `services[${largest}].${counted}`;
  const given = field === "mesh.gatewayReplicas" ? gateway : replicas[largest];
  fail(
    field,
    `is ${given}, making ${pods} pods in all (${raw.services.length} services${gateway > 0 ? " and the gateway" : ""}); ` +
      `at most ${MAX_PODS} pods fit, since the network keeps a table of every pair of pods`,
  );
}

// --- internal ---

/** The replicas a service's `zones` or `clusters` map places, when it gives one. */
function placedReplicas(service: RawService): number | undefined {
  const counts = Object.values(service.zones ?? service.clusters ?? {}).flatMap((given) => (typeof given === "number" ? [given] : Object.values(given)));
  return counts.length > 0 ? counts.reduce((sum, count) => sum + count, 0) : undefined;
}
