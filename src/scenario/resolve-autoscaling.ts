/**
 * A service's `autoscaling` resolved: what the schema cannot check (min within max, the starting
 * replicas within both, a CPU request to measure utilisation against), with Kubernetes' defaults.
 */

import { DEFAULT_POD_STARTUP_S } from "../cluster/index.js";
import type { ServiceAutoscaling } from "../mesh/index.js";
import type { RawService } from "./raw-scenario.js";
import type { Fail } from "./_fail.js";

/**
 * The autoscaler of `raw` (which has one), its fields named under `field` (`services[2]`).
 * @throws ScenarioError (through `fail`) for an external service, no resources.cpuRequest (the
 *   HorizontalPodAutoscaler computes no utilisation without requests), minReplicas above
 *   maxReplicas, or replicas outside them
 */
export function resolveAutoscaling(raw: RawService, field: string, fail: Fail): ServiceAutoscaling {
  const given = raw.autoscaling!;
  if (raw.external === true) fail(`${field}.autoscaling`, "cannot be set for an external service: it has no pods to scale");
  if (raw.resources?.cpuRequest === undefined && raw.resources?.cpuLimit === undefined) {
    fail(`${field}.resources.cpuRequest`, "must be set with autoscaling: the HorizontalPodAutoscaler measures CPU utilisation against the pod's CPU requests, and does nothing without them");
  }
  const minReplicas = given.minReplicas ?? 1;
  if (minReplicas > given.maxReplicas) fail(`${field}.autoscaling.minReplicas`, `must be at most maxReplicas (${given.maxReplicas}), got ${minReplicas}`);
  const initialReplicas = raw.replicas ?? minReplicas;
  if (initialReplicas < minReplicas || initialReplicas > given.maxReplicas) {
    fail(`${field}.replicas`, `must be within autoscaling's minReplicas and maxReplicas (${minReplicas}-${given.maxReplicas}): it is the starting count, got ${initialReplicas}`);
  }
  return {
    minReplicas,
    maxReplicas: given.maxReplicas,
    targetCpuUtilization: given.targetCpuUtilization,
    initialReplicas,
    podStartupS: given.podStartupS ?? DEFAULT_POD_STARTUP_S,
  };
}
