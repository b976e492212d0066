/**
 * Which of a scenario's timeline events a task's run holds: those within its measured time, with
 * `mesh.rotateCertificatesAtS` as a certificate rotation among them, and those set too late; and
 * which of its clusters fail within it.
 */

import { sortTimeline, type TimelineEvent } from "../../workload/index.js";
import type { ReplicationTask } from "./replication-task.js";

/**
 * The task's events in time order, within its measured time: the scenario's timeline with
 * `mesh.rotateCertificatesAtS` as a rotation among them.
 * @example taskTimeline(task).map((event) => event.kind)
 */
export function taskTimeline(task: ReplicationTask): TimelineEvent[] {
  return sortTimeline(scenarioEvents(task).filter((event) => event.atS < task.durationS));
}

/**
 * The task's events at or after the end of its measured time, in time order: they never happen
 * (the run's warnings say so).
 * @example eventsAfterTheRun(task).length // 0 when the whole timeline fits in the run
 */
export function eventsAfterTheRun(task: ReplicationTask): TimelineEvent[] {
  return sortTimeline(scenarioEvents(task).filter((event) => event.atS >= task.durationS));
}

/** The task's certificate rotations within the run (`mesh.rotateCertificatesAtS` among them). */
export function rotationsInTheRun(task: ReplicationTask): TimelineEvent[] {
  return scenarioEvents(task).filter((event) => event.kind === "rotate-certificates" && event.atS < task.durationS);
}

/**
 * The clusters that fail within the task's measured time (clusters[].failAtS), in cluster order:
 * a cluster's index and when, s into the measured time; none without clusters.
 * @example clusterFailuresInTheRun(task) // [{ cluster: 1, atS: 20 }]
 */
export function clusterFailuresInTheRun(task: ReplicationTask): Array<{ cluster: number; atS: number }> {
  const failAtS = task.scenario.topology.cluster.zones?.clusters?.failAtS ?? [];
  return failAtS.flatMap((atS, cluster) => (atS !== undefined && atS < task.durationS ? [{ cluster, atS }] : []));
}

// --- internal ---

/** The scenario's timeline with `mesh.rotateCertificatesAtS` as a rotation among it, as listed. */
function scenarioEvents(task: ReplicationTask): TimelineEvent[] {
  const { timeline = [], mesh } = task.scenario;
  const rotation: TimelineEvent[] = mesh.rotateCertificatesAtS !== undefined ? [{ atS: mesh.rotateCertificatesAtS, kind: "rotate-certificates" }] : [];
  return [...rotation, ...timeline];
}
