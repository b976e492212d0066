/**
 * The nodes a run loses and when: its timeline's nodeDown, zoneDown and clusterDown events, and
 * its clusters' failAtS.
 */

import { nodesOfClusters } from "../../cluster/index.js";
import { lostNodesLabel } from "../../workload/index.js";
import { podTimeline } from "./pod-timeline.js";
import type { ReplicationTask } from "./replication-task.js";
import { clusterFailuresInTheRun } from "./task-timeline.js";

/** Nodes lost at once. */
export interface NodeLoss {
  /** When, s into the measured time. */
  atS: number;
  nodes: readonly number[];
  /** What was lost, in a few words ("node 3", "zone b", "cluster west"). */
  label: string;
}

/**
 * Every loss of nodes in `task`'s timeline and clusters, in the order of its events, then its clusters'.
 * @example lostNodes(task) // [{ atS: 30, nodes: [2, 3], label: "zone b" }]
 */
export function lostNodes(task: ReplicationTask): NodeLoss[] {
  const events = podTimeline(task).failures.map(({ event }) => ({ atS: event.atS, nodes: event.nodes, label: lostNodesLabel(event) }));
  const zones = task.scenario.topology.cluster.zones;
  const clusters = zones?.clusters;
  if (zones === undefined || clusters === undefined) return events;
  const nodesOf = nodesOfClusters(clusters, zones.nodeZone);
  const failed = clusterFailuresInTheRun(task).map(({ cluster, atS }) => ({ atS, nodes: nodesOf[cluster], label: `cluster ${clusters.names[cluster]}` }));
  return [...events, ...failed];
}
