/**
 * What the results say of the timeline's pod events: a lost node's pods left pending, a rollout
 * waiting for a new pod that fits on no node, and where the model simplifies.
 */

import { lostNodesLabel } from "../../workload/index.js";
import { podTimeline } from "../replication/index.js";
import type { ReplicationTask } from "../replication/index.js";
import { round } from "../results/index.js";

/**
 * The warnings of `task`'s node failures and rollouts.
 * @example podEventWarnings(task) // ["rollout of api at 1 s: 1 new pod fits on no node (requests, allowed nodes) and stays pending; ..."]
 */
export function podEventWarnings(task: ReplicationTask): string[] {
  const services = task.scenario.topology.services;
  const { failures, rollouts } = podTimeline(task);
  const lost = failures.flatMap(({ event, pods, evictedAfterMs }) => {
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
  const waiting = rollouts.flatMap(({ event, pending, waitsAfterMs }) => {
    if (pending.length === 0) return [];
    const pods = pending.length === 1 ? "1 new pod fits on no node (requests, allowed nodes) and stays pending" : `${pending.length} new pods fit on no node (requests, allowed nodes) and stay pending`;
    return [`rollout of ${event.service} at ${event.atS} s: ${pods}; the rollout waits from ${round(event.atS + waitsAfterMs! / 1000)} s, the pods it has not replaced keep running`];
  });
  return [...lost, ...waiting];
}
