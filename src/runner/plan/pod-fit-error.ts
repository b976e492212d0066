/**
 * A pod that fits on no node, said as bad input should be: the scenario file and the field to
 * change (the service's request, the machine, the nodes it may use, the number of nodes), then
 * the scheduler's own account of the pod and the room left.
 */

import type { PodResource, UnschedulableError } from "../../cluster/index.js";
import { ScenarioError, type Scenario } from "../../scenario/index.js";

/** A pod that fits on no node under one mesh: bad input (a ScenarioError), which `--mesh all` can leave out. */
export class PodFitError extends ScenarioError {
  constructor(file: string, field: string, problem: string) {
    super(file, field, problem);
    this.name = "PodFitError";
  }
}

/**
 * The PodFitError for `error`, raised while placing the pods of `scenario` under mesh `meshId`.
 * @example podFitError(error, scenario, "istio").message // "shop.yaml: services[0].resources.cpuRequest is more than a node holds under istio: pod a-0 (requests 4 vCPU, ...) fits on no node: ..."
 */
export function podFitError(error: UnschedulableError, scenario: Scenario, meshId: string): PodFitError {
  const { owner, daemon, tooLarge, restricted } = error.detail;
  const { cluster, services } = scenario.topology;
  const under = meshId === "none" ? "" : ` under ${meshId}`;
  const machineField = (resource: PodResource) => (cluster.machine?.type !== undefined ? "cluster.machineType" : resource === "cpu" ? "cluster.vcpuPerNode" : "cluster.memoryGbPerNode");
  const service = owner !== undefined && !daemon ? services[owner] : undefined;
  if (tooLarge.length > 0) {
    // The service's own request when it makes one, else the machine: a sidecar or an agent alone is too large for it.
    const requested = (resource: PodResource) => (resource === "cpu" ? service?.resources?.cpuRequest : service?.resources?.memoryRequestMb) !== undefined;
    const fields = tooLarge.map((resource) => (requested(resource) ? `services[${owner}].resources.${resource === "cpu" ? "cpuRequest" : "memoryRequestMb"}` : machineField(resource)));
    const named = [...new Set(fields)];
    const one = named.length === 1;
    const problem = tooLarge.some(requested) ? (one ? "asks more than a node holds" : "ask more than a node holds") : one ? "is too small" : "are too small";
    return new PodFitError(scenario.file, named.join(" and "), `${problem}${under}: ${error.message}`);
  }
  // The load generator's pod stays on its node: the pods placed there took its sidecar's room.
  if (error.pod === "load-generator" && tooLarge.length === 0) {
    return new PodFitError(scenario.file, "load.client.node", `leaves no room for the load generator's sidecar${under}: ${error.message}`);
  }
  // Every node would hold the pod on its own: the pods placed before it took the room.
  if (service !== undefined && restricted) {
    const field = service.nodes ? "nodes" : cluster.zones?.clusters ? "clusters" : "zones";
    return new PodFitError(scenario.file, `services[${owner}].${field}`, `leave no room${under}: ${error.message}`);
  }
  return new PodFitError(scenario.file, cluster.zones?.clusters ? "clusters[].nodes" : "cluster.nodes", `are too few for every pod${under}: ${error.message}`);
}
