/**
 * A Service's Cilium ClusterMesh annotations as services[].clusterAffinity: `service.cilium.io/global:
 * "true"` shares the Service's backends across the clusters of the mesh, and `service.cilium.io/affinity`
 * says which clusters' backends its callers prefer: local, remote, or none (the default, all together).
 * Affinity acts on global services only (docs.cilium.io/en/stable/network/clustermesh/affinity/;
 * docs.cilium.io/en/latest/network/clustermesh/load-balancing/, global services).
 */

import type { Manifest } from "../traffic/index.js";
import { describe, stringMap } from "./_objects.js";
import type { DeployedWorkload, DeploymentShape } from "./deployment-shape.js";

const GLOBAL_ANNOTATION = "service.cilium.io/global";
const AFFINITY_ANNOTATION = "service.cilium.io/affinity";
const AFFINITIES = ["local", "remote", "none"] as const;

/**
 * Sets `workload.clusterAffinity` from the first selecting Service that is global; an affinity on a
 * Service that is not global, or a value Cilium does not know, goes to `shape.notImported`.
 * @example readCiliumAffinity(workload, [service], shape) // workload.clusterAffinity: { value: "local", from: "Service web annotation service.cilium.io/affinity: local" }
 */
export function readCiliumAffinity(workload: DeployedWorkload, selecting: readonly Manifest[], shape: DeploymentShape): void {
  for (const service of selecting) {
    const annotations = stringMap(service, ["metadata", "annotations"]);
    const global = annotations[GLOBAL_ANNOTATION]?.toLowerCase() === "true";
    const affinity = annotations[AFFINITY_ANNOTATION];
    if (!global) {
      if (affinity !== undefined) shape.notImported.push(`${describe(service)}: annotation ${AFFINITY_ANNOTATION}: ${affinity} (Cilium applies affinity to global services only, and ${GLOBAL_ANNOTATION} is not "true")`);
      continue;
    }
    const value = (affinity ?? "none").toLowerCase();
    if (!(AFFINITIES as readonly string[]).includes(value)) {
      shape.notImported.push(`${describe(service)}: annotation ${AFFINITY_ANNOTATION}: ${affinity} (Cilium knows local, remote and none)`);
      continue;
    }
    const from = affinity === undefined ? `${describe(service)} annotation ${GLOBAL_ANNOTATION}: true (affinity none, Cilium's default)` : `${describe(service)} annotation ${AFFINITY_ANNOTATION}: ${affinity}`;
    workload.clusterAffinity ??= { value: value as (typeof AFFINITIES)[number], from };
  }
}
