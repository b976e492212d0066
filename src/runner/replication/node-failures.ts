/**
 * What the timeline's nodeDown and zoneDown events do to a run's pods, decided before simulating
 * (it depends on placement and requests only): which pods die, when the node controller marks
 * them not ready, when they are evicted, and whether their replacements find room on a node
 * still up (kube-scheduler's filter and scores over the pods bound then) or stay pending.
 * An evicted pod is deleted and its ReplicaSet makes a new one, as Kubernetes does: the run's
 * network holds that new pod from the start, on the node it gets, out of the endpoints until
 * it is ready (pod-timeline.ts walks these events with the rollouts).
 */

import { NODE_MONITOR_GRACE_PERIOD_S } from "../../cluster/index.js";
import { secondsToSimTime } from "../../engine/index.js";
import type { NodeDownEvent } from "../../workload/index.js";
import { podRequests } from "./pod-requests.js";
import { podKey, type PodState } from "./pod-state.js";
import type { ReplicationTask } from "./replication-task.js";

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

/**
 * A nodeDown or zoneDown event on `state`: the pods on its nodes die; each is rescheduled at its
 * eviction where kube-scheduler finds room on a node still up (PodState.pickNode) and replaced there by a new pod
 * when the eviction falls within the run, or stays pending. Later failures reschedule onto the
 * nodes still up.
 */
export function evictLostPods(task: ReplicationTask, state: PodState, event: NodeDownEvent): NodeFailure {
  const { services } = task.scenario.topology;
  for (const node of event.nodes) state.down.add(node);
  const notReadyAfterMs = secondsToSimTime(NODE_MONITOR_GRACE_PERIOD_S);
  const evictedAfterMs = notReadyAfterMs + secondsToSimTime(event.tolerationSeconds);
  const evictedAtS = event.atS + evictedAfterMs / 1000;
  const evictedInTheRun = evictedAtS < task.durationS;
  const pods: DownPod[] = [];
  services.forEach((service, index) => {
    if (service.external) return;
    const requests = podRequests(task, service);
    state.slotNode[index].forEach((node, slot) => {
      if (!event.nodes.includes(node)) return;
      const best = state.pickNode(index, slot, requests);
      const replica = state.slotPod[index][slot];
      // An autoscaler adds and removes pods by their place in the service's list, so an
      // autoscaled service's pod comes back in its old place rather than as a new pod.
      const replacement = best !== undefined && evictedInTheRun && !service.autoscaling ? state.create(index, slot, best, evictedAtS, requests) : undefined;
      // Deleted at its eviction, unless it comes back in its old place.
      if (best === undefined || replacement !== undefined) {
        state.removedAtS.set(podKey(index, replica), evictedAtS);
        state.unbind(index, replica);
      }
      if (best !== undefined) {
        if (replacement === undefined) {
          state.unbind(index, replica);
          state.bind(index, replica, best, requests);
        }
        state.slotNode[index][slot] = best;
        if (replacement !== undefined) state.slotPod[index][slot] = replacement;
      }
      pods.push({ service: index, replica, rescheduledTo: best, replacement });
    });
  });
  return { event, pods, notReadyAfterMs, evictedAfterMs };
}
