/**
 * What one pod of a service asks of its node: its app container's requests and, under a sidecar
 * mesh when the service is meshed, its sidecar's (kube-scheduler and the HPA sum the containers').
 */

import type { Service } from "../../mesh/index.js";
import { resourcesOf } from "../../mesh/index.js";
import type { ReplicationTask } from "./replication-task.js";

/** A pod's requests: vCPU and MB. */
export interface PodRequests {
  vcpu: number;
  memoryMb: number;
}

/**
 * The requests of one pod of `service` in `task`'s mesh.
 * @example podRequests(task, task.scenario.topology.services[0]) // { vcpu: 0.2, memoryMb: 192 }
 */
export function podRequests(task: ReplicationTask, service: Service): PodRequests {
  const sidecar = task.profile.architecture === "sidecar" && service.meshed ? resourcesOf(task.profile.dataPlane?.proxy?.resources) : undefined;
  return {
    vcpu: (service.resources?.cpuRequest ?? 0) + (sidecar?.cpuRequest ?? 0),
    memoryMb: (service.resources?.memoryRequestMb ?? 0) + (sidecar?.memoryRequestMb ?? 0),
  };
}
