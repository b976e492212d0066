/**
 * What the timeline's nodeDown and zoneDown events do to a run's pods, decided before simulating
 * (it depends on placement and requests only): which pods die, when the node controller marks
 * them not ready, when they are evicted, and whether their replacements find room on a node
 * still up (kube-scheduler's NodeResourcesFit filter, the roomiest node first) or stay pending.
 */

import { NODE_MONITOR_GRACE_PERIOD_S } from "../cluster/index.js";
import { secondsToSimTime } from "../engine/index.js";
import { resourcesOf } from "../mesh/index.js";
import { lostNodesLabel, type NodeDownEvent } from "../workload/index.js";
import type { ReplicationTask } from "./replication-task.js";
import { taskTimeline } from "./schedule-timeline.js";

/** One pod on a node that went down. */
export interface DownPod {
  service: number;
  replica: number;
  /** Where its replacement runs after eviction; undefined: it fits nowhere and stays pending. */
  rescheduledTo: number | undefined;
}

/** A nodeDown or zoneDown event with the pods it kills. */
export interface NodeFailure {
  event: NodeDownEvent;
  pods: DownPod[];
  /** From the failure to the pods' Ready turning false (the node controller's grace period), ms. */
  notReadyAfterMs: number;
  /** From the failure to the pods' eviction (grace period + tolerationSeconds), ms. */
  evictedAfterMs: number;
}

/**
 * The task's node failures in time order; a node down stays down, so later failures reschedule
 * onto the nodes still up. Without declared machines pods request nothing and fit anywhere they
 * may run (their `nodes`, their zone when replicas are pinned per zone).
 */
export function nodeFailures(task: ReplicationTask): NodeFailure[] {
  const events = taskTimeline(task).filter((event): event is NodeDownEvent => event.kind === "node-down");
  if (events.length === 0) return [];
  const { cluster, services } = task.scenario.topology;
  const placement = task.mesh.placement;
  const allocatable = cluster.allocatable;
  const requested = (placement.requested ?? []).map((node) => ({ ...node }));
  const down = new Set<number>();
  const sidecar = task.profile.architecture === "sidecar" ? resourcesOf(task.profile.dataPlane?.proxy?.resources) : undefined;
  const zoneNodes = cluster.zones ? cluster.zones.names.map((_, zone) => cluster.zones!.nodeZone.flatMap((z, node) => (z === zone ? [node] : []))) : [];
  const moved = placement.services.map((nodes) => [...nodes]);
  return events.map((event) => {
    for (const node of event.nodes) down.add(node);
    const pods: DownPod[] = [];
    services.forEach((service, index) => {
      if (service.external) return;
      const podZones = service.zoneReplicas?.flatMap((count, zone) => Array.from({ length: count }, () => zone));
      moved[index].forEach((node, replica) => {
        if (!event.nodes.includes(node)) return;
        const cpu = (service.resources?.cpuRequest ?? 0) + (service.meshed ? (sidecar?.cpuRequest ?? 0) : 0);
        const memoryMb = (service.resources?.memoryRequestMb ?? 0) + (service.meshed ? (sidecar?.memoryRequestMb ?? 0) : 0);
        const allowed = podZones ? zoneNodes[podZones[replica]] : (service.nodes ?? Array.from({ length: cluster.nodes }, (_, n) => n));
        let best: number | undefined;
        for (const candidate of allowed) {
          if (down.has(candidate)) continue;
          const used = requested[candidate] ?? { vcpu: 0, memoryMb: 0 };
          const fits = !allocatable || (used.vcpu + cpu <= allocatable.vcpu + 1e-9 && used.memoryMb + memoryMb <= allocatable.memoryMb + 1e-9);
          if (fits && (best === undefined || used.vcpu < (requested[best]?.vcpu ?? 0))) best = candidate;
        }
        if (best !== undefined) {
          if (requested[best]) requested[best] = { vcpu: requested[best].vcpu + cpu, memoryMb: requested[best].memoryMb + memoryMb };
          moved[index][replica] = best;
        }
        pods.push({ service: index, replica, rescheduledTo: best });
      });
    });
    const notReadyAfterMs = secondsToSimTime(NODE_MONITOR_GRACE_PERIOD_S);
    return { event, pods, notReadyAfterMs, evictedAfterMs: notReadyAfterMs + secondsToSimTime(event.tolerationSeconds) };
  });
}

/** What the results say of node failures: pods left pending, and where the model simplifies. */
export function nodeFailureWarnings(task: ReplicationTask): string[] {
  const services = task.scenario.topology.services;
  return nodeFailures(task).flatMap(({ event, pods, evictedAfterMs }) => {
    const what = lostNodesLabel(event);
    const pending = pods.filter((pod) => pod.rescheduledTo === undefined);
    const evictedAtS = event.atS + evictedAfterMs / 1000;
    const lines: string[] = [];
    if (pending.length > 0) {
      const names = pending.map((pod) => `${services[pod.service].name}[${pod.replica}]`).join(", ");
      lines.push(`${what} went down at ${event.atS} s: ${names} fit on no node still up (requests, allowed nodes) and stay pending after eviction at ${evictedAtS} s`);
    }
    if (pods.length > pending.length && evictedAtS < task.durationS) {
      lines.push(`${what} went down at ${event.atS} s: its pods are rescheduled at ${evictedAtS} s; the model keeps a rescheduled pod's network place and CPU on its old node`);
    }
    return lines;
  });
}
