/**
 * What a mesh's control planes do with a lost cluster's endpoints (clusters[].failAtS or a
 * clusterDown event): where the mode probes the other clusters' gateways (Linkerd's service mirror),
 * the lost cluster's endpoints are marked not ready once the probe has failed often enough, and the
 * callers stop picking them after the change has spread; elsewhere they stay, and only outlier
 * detection moves calls away. One event per pod, none per request.
 */

import { secondsToSimTime, type Simulation } from "../../engine/index.js";
import type { RequestFlow } from "../../mesh/index.js";
import { replicaZones } from "../../cluster/index.js";
import { nodeFailures } from "./pod-timeline.js";
import type { ReplicationTask } from "./replication-task.js";
import { clusterFailuresInTheRun } from "./task-timeline.js";
import { round } from "../results/index.js";

/** A cluster lost within the run whose endpoints its peers' control planes mark not ready. */
export interface LostClusterDrop {
  /** The cluster's name. */
  cluster: string;
  /** When it failed, s into the measured time. */
  failedAtS: number;
  /** From the failure to the control planes marking its endpoints not ready, ms (before the change spreads). */
  afterMs: number;
  /** The pods that leave the callers' endpoints then, as [service, replica]. */
  pods: Array<[number, number]>;
}

/**
 * The task's lost clusters whose endpoints its mesh's control planes drop, in time order: none
 * without a mode that probes gateways, and none for a clusterDown event whose pods the node
 * controller marks not ready first (its grace period, 40 s, is shorter than Linkerd's probes).
 * @example lostClusterDrops(linkerdTask).map((drop) => drop.cluster) // ["west"]
 */
export function lostClusterDrops(task: ReplicationTask): LostClusterDrop[] {
  const afterMs = task.mesh.multiCluster?.lostEndpointsAfterMs;
  const zones = task.scenario.topology.cluster.zones;
  const clusters = zones?.clusters;
  if (afterMs === undefined || zones === undefined || clusters === undefined) return [];
  const services = task.scenario.topology.services;
  const declared: LostClusterDrop[] = clusterFailuresInTheRun(task).map(({ cluster, atS: failedAtS }) => {
    const pods = services.flatMap((service, index) =>
      service.external ? [] : replicaZones(service, zones.nodeZone).flatMap((zone, replica): Array<[number, number]> => (clusters.zoneCluster[zone] === cluster ? [[index, replica]] : [])),
    );
    return { cluster: clusters.names[cluster], failedAtS, afterMs, pods };
  });
  // A clusterDown's pods leave the endpoints anyway once the node controller marks them not ready;
  // the control planes' drop matters only when it comes first.
  const events: LostClusterDrop[] = nodeFailures(task).flatMap((failure) => {
    const { event, pods } = failure;
    if (event.cluster === undefined || afterMs >= failure.notReadyAfterMs) return [];
    return [{ cluster: event.cluster, failedAtS: event.atS, afterMs, pods: pods.map((pod): [number, number] => [pod.service, pod.replica]) }];
  });
  return [...declared, ...events].filter((drop) => drop.pods.length > 0).sort((a, b) => a.failedAtS - b.failedAtS);
}

/**
 * Schedules the task's lost clusters' endpoints leaving the callers' balancing: at the failure
 * plus the control planes' detection plus the profile's dataPlane.endpointUpdateMs, each pod of the
 * cluster out (a pod already out stays out). Registers nothing when there is no such drop.
 */
export function scheduleLostClusterEndpoints(sim: Simulation, flow: RequestFlow, task: ReplicationTask, windowStartMs: number): void {
  const drops = lostClusterDrops(task);
  if (drops.length === 0) return;
  const updateMs = task.profile.dataPlane?.endpointUpdateMs ?? 0;
  const windowEndMs = windowStartMs + secondsToSimTime(task.durationS);
  const leaves = sim.on("lost-cluster-endpoints-leave", (pod) => flow.setEndpoint(pod, false));
  for (const drop of drops) {
    const atMs = windowStartMs + secondsToSimTime(drop.failedAtS) + drop.afterMs + updateMs;
    if (atMs >= windowEndMs) continue;
    for (const [service, replica] of drop.pods) sim.schedule(atMs, leaves, flow.network.servicePods[service][replica]);
  }
}

/**
 * The run's events of its lost clusters: each cluster's failure (clusters[].failAtS) within the
 * run, so the charts over time mark it as they mark a timeline's events, and when the control
 * planes mark a lost cluster's endpoints not ready.
 */
export function lostClusterEvents(task: ReplicationTask): Array<{ atS: number; event: string }> {
  const names = task.scenario.topology.cluster.zones?.clusters?.names ?? [];
  const failures = clusterFailuresInTheRun(task).map(({ cluster, atS }) => ({ atS, event: `cluster ${names[cluster]} fails: its replicas stop answering` }));
  return [...failures, ...lostClusterDrops(task).flatMap((drop) => {
    const atS = round(drop.failedAtS + drop.afterMs / 1000);
    if (atS >= task.durationS) return [];
    return [{ atS, event: `cluster ${drop.cluster}: gateway probes failed, endpoints not ready` }];
  })];
}
