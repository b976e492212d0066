/**
 * The events of a run for its results and charts: when each load stage starts and what it does,
 * and the scenario's timeline (certificate rotation among it), in time order, s into the measured time.
 */

import type { Scenario } from "../../scenario/index.js";
import type { ReplicationResult, ReplicationTask } from "../replication/index.js";
import { round } from "../results/index.js";
import type { TimelineEvent } from "../results/index.js";
import { taskTimeline } from "../replication/index.js";
import { nodeFailures, podTimeline } from "../replication/index.js";
import { lostClusterEvents } from "../replication/index.js";
import { describeTimelineEvent, lostNodesLabel, sortTimeline } from "../../workload/index.js";

/**
 * The events of `task`'s run in time order (stable: equal times keep their listing order).
 * @example runEvents(task) // [{ atS: 0, event: "stage 1: hold 200/s" }, { atS: 20, event: "stage 2: ramp to 700/s" }]
 */
export function runEvents(task: ReplicationTask): TimelineEvent[] {
  const events = task.staged ? stageEvents(task.scenario) : [];
  events.push(...taskTimeline(task).map((event) => ({ atS: event.atS, event: describeTimelineEvent(event) })));
  events.push(...nodeFailureEvents(task), ...rolloutWaitEvents(task));
  events.push(...lostClusterEvents(task));
  return sortTimeline(events);
}

/**
 * The autoscalers' changes of replicas, each replication's (named when there are several), in
 * replication order; sortTimeline then puts them in time order.
 * @example scalingEvents(replications) // [{ atS: 45, event: "autoscaler: web 2 -> 4 replicas (CPU 93% of requests, target 60%)" }]
 */
export function scalingEvents(replications: ReplicationResult[]): TimelineEvent[] {
  const named = replications.length > 1;
  return replications.flatMap((replication, index) =>
    (replication.scaling ?? []).map((change) => ({
      atS: round(change.atMs / 1000),
      event: `autoscaler${named ? ` (replication ${index + 1})` : ""}: ${change.service} ${change.from} -> ${change.to} replicas (CPU ${change.utilizationPercent}% of requests)${change.pending ? `, ${change.pending} pending: no node has room` : ""}`,
    })),
  );
}

// --- internal ---

/** What follows a node failure within the run: its pods marked not ready, then evicted (rescheduled or pending). */
function nodeFailureEvents(task: ReplicationTask): TimelineEvent[] {
  const services = task.scenario.topology.services;
  return nodeFailures(task).flatMap(({ event, pods, notReadyAfterMs, evictedAfterMs }) => {
    if (pods.length === 0) return [];
    const what = lostNodesLabel(event);
    const names = (list: typeof pods) => list.map((pod) => `${services[pod.service].name}[${pod.replica}]`).join(", ");
    const pending = pods.filter((pod) => pod.rescheduledTo === undefined);
    const moved = pods.filter((pod) => pod.rescheduledTo !== undefined);
    const evicted = [moved.length > 0 ? `${names(moved)} rescheduled` : "", pending.length > 0 ? `${names(pending)} pending` : ""].filter(Boolean).join("; ");
    return [
      { atS: round(event.atS + notReadyAfterMs / 1000), event: `${what}: pods not ready, out of the endpoints` },
      { atS: round(event.atS + evictedAfterMs / 1000), event: `${what}: pods evicted: ${evicted}` },
    ].filter((entry) => entry.atS < task.durationS);
  });
}

/** A rollout left waiting within the run for new pods that fit on no node. */
function rolloutWaitEvents(task: ReplicationTask): TimelineEvent[] {
  return podTimeline(task).rollouts.flatMap(({ event, pending, waitsAfterMs }) => {
    if (pending.length === 0) return [];
    return [{ atS: round(event.atS + waitsAfterMs! / 1000), event: `rollout: ${event.service} waits, ${pending.length} new ${pending.length === 1 ? "pod" : "pods"} pending: no node has room` }];
  });
}

function stageEvents(scenario: Scenario): TimelineEvent[] {
  const { stages, startRatePerSec, userStages, startUsers } = scenario.load;
  const targets = stages
    ? { from: startRatePerSec ?? 0, list: stages.map((stage) => ({ durationS: stage.durationS, to: stage.ratePerSec })), unit: "/s" }
    : { from: startUsers ?? 0, list: (userStages ?? []).map((stage) => ({ durationS: stage.durationS, to: stage.users })), unit: " users" };
  let from = targets.from;
  let atS = 0;
  return targets.list.map((stage, index) => {
    const what = stage.to === from ? `hold ${stage.to}${targets.unit}` : `ramp to ${stage.to}${targets.unit}`;
    const event = { atS, event: `stage ${index + 1}: ${what}` };
    atS += stage.durationS;
    from = stage.to;
    return event;
  });
}
