/**
 * What the timeline's nodeDown and zoneDown events do to a run's pods, decided before simulating
 * (it depends on placement and requests only): which pods die, when the node controller marks
 * them not ready, when they are evicted, and whether their replacements find room on a node
 * still up (kube-scheduler's NodeResourcesFit filter, the roomiest node first) or stay pending.
 * An evicted pod is deleted and its ReplicaSet makes a new one, as Kubernetes does: the run's
 * network holds that new pod from the start, on the node it gets, out of the endpoints until
 * it is ready (replacementPods).
 */

import { NODE_MONITOR_GRACE_PERIOD_S } from "../cluster/index.js";
import { secondsToSimTime } from "../engine/index.js";
import { lostNodesLabel, type NodeDownEvent } from "../workload/index.js";
import { podRequests } from "./pod-requests.js";
import type { ReplicationTask } from "./replication-task.js";
import { taskTimeline } from "./schedule-timeline.js";

/** One pod on a node that went down. */
export interface DownPod {
  service: number;
  /**
   * The pod's replica index among its service's pods in the run's network: a scenario replica,
   * or past them for a pod that an earlier failure's eviction created.
   */
  replica: number;
  /** Where its replacement runs after eviction; undefined: it fits nowhere and stays pending. */
  rescheduledTo: number | undefined;
  /**
   * The replica index of its replacement in the run's network (a new pod on `rescheduledTo`,
   * created at the eviction); undefined when it stays pending, when the eviction falls after
   * the run, or for an autoscaled service, whose pod comes back in its old place.
   */
  replacement: number | undefined;
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

/** A pod an eviction creates in the run: its service, replica index in the run's network and node. */
export interface ReplacementPod {
  service: number;
  replica: number;
  node: number;
  /** The scenario replica whose place it takes (the one its ReplicaSet lost). */
  slot: number;
  /** When it is created (its old pod's eviction), seconds into the measured time. */
  createdAtS: number;
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
  const zoneNodes = cluster.zones ? cluster.zones.names.map((_, zone) => cluster.zones!.nodeZone.flatMap((z, node) => (z === zone ? [node] : []))) : [];
  // Per service and scenario replica (its ReplicaSet's slot): the node and the pod (replica index in the run's network) now there.
  const slotNode = placement.services.map((nodes) => [...nodes]);
  const slotPod = placement.services.map((nodes) => nodes.map((_, replica) => replica));
  const nextReplica = services.map((service) => service.replicas);
  const notReadyAfterMs = secondsToSimTime(NODE_MONITOR_GRACE_PERIOD_S);
  return events.map((event) => {
    for (const node of event.nodes) down.add(node);
    const evictedAfterMs = notReadyAfterMs + secondsToSimTime(event.tolerationSeconds);
    const evictedInTheRun = event.atS + evictedAfterMs / 1000 < task.durationS;
    const pods: DownPod[] = [];
    services.forEach((service, index) => {
      if (service.external) return;
      const podZones = service.zoneReplicas?.flatMap((count, zone) => Array.from({ length: count }, () => zone));
      const requests = podRequests(task, service);
      slotNode[index].forEach((node, slot) => {
        if (!event.nodes.includes(node)) return;
        const allowed = podZones ? zoneNodes[podZones[slot]] : (service.nodes ?? Array.from({ length: cluster.nodes }, (_, n) => n));
        let best: number | undefined;
        for (const candidate of allowed) {
          if (down.has(candidate)) continue;
          const used = requested[candidate] ?? { vcpu: 0, memoryMb: 0 };
          const fits = !allocatable || (used.vcpu + requests.vcpu <= allocatable.vcpu + 1e-9 && used.memoryMb + requests.memoryMb <= allocatable.memoryMb + 1e-9);
          if (fits && (best === undefined || used.vcpu < (requested[best]?.vcpu ?? 0))) best = candidate;
        }
        const replica = slotPod[index][slot];
        // An autoscaler adds and removes pods by their place in the service's list, so an
        // autoscaled service's pod comes back in its old place rather than as a new pod.
        const replacement = best !== undefined && evictedInTheRun && !service.autoscaling ? nextReplica[index]++ : undefined;
        if (best !== undefined) {
          if (requested[best]) requested[best] = { vcpu: requested[best].vcpu + requests.vcpu, memoryMb: requested[best].memoryMb + requests.memoryMb };
          slotNode[index][slot] = best;
          if (replacement !== undefined) slotPod[index][slot] = replacement;
        }
        pods.push({ service: index, replica, rescheduledTo: best, replacement });
      });
    });
    return { event, pods, notReadyAfterMs, evictedAfterMs };
  });
}

/**
 * The pods the task's evictions create within the run, per service in replica order (each
 * service's list follows its scenario replicas in the run's network); empty lists when none.
 * @example replacementPods(task)[1].map((pod) => pod.node) // the nodes api's new pods run on
 */
export function replacementPods(task: ReplicationTask): ReplacementPod[][] {
  const byService: ReplacementPod[][] = task.scenario.topology.services.map(() => []);
  const slots = task.scenario.topology.services.map((service) => Array.from({ length: service.replicas }, (_, replica) => replica));
  for (const { event, pods, evictedAfterMs } of nodeFailures(task)) {
    for (const pod of pods) {
      if (pod.replacement === undefined) continue;
      const slot = pod.replica < slots[pod.service].length ? pod.replica : byService[pod.service][pod.replica - slots[pod.service].length].slot;
      byService[pod.service].push({ service: pod.service, replica: pod.replacement, node: pod.rescheduledTo!, slot, createdAtS: event.atS + evictedAfterMs / 1000 });
    }
  }
  return byService;
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
    const inPlace = pods.filter((pod) => pod.rescheduledTo !== undefined && pod.replacement === undefined);
    if (inPlace.length > 0 && evictedAtS < task.durationS) {
      const names = inPlace.map((pod) => `${services[pod.service].name}[${pod.replica}]`).join(", ");
      lines.push(`${what} went down at ${event.atS} s: ${names} (autoscaled) are rescheduled at ${evictedAtS} s; the model keeps an autoscaled service's rescheduled pod's network place and CPU on its old node`);
    }
    return lines;
  });
}
