/**
 * What a run's timeline could not do: events (and clusters' `failAtS`) set at or after the end of
 * the measured time never happen, which a run cut short with `--duration` makes easy to miss; a
 * certificate rotation under a mesh running without mTLS replaces nothing.
 */

import { describeTimelineEvent } from "../../workload/index.js";
import type { ReplicationTask } from "../replication/index.js";
import { eventsAfterTheRun, rotationsInTheRun } from "../replication/index.js";

/** Events named one by one; past these, the rest are counted. */
const LISTED = 3;

/**
 * The run's timeline warnings: one naming the events that fall after its end, if any, and one
 * naming the clusters whose `failAtS` does.
 * @example timelineWarnings(task) // ["timeline: 1 event at or after the end of the run (30 s measured) never happened: outage: db for 10 s at 100 s; ..."]
 */
export function timelineWarnings(task: ReplicationTask): string[] {
  const late = eventsAfterTheRun(task);
  const warnings: string[] = [];
  if (late.length > 0) {
    const named = late.slice(0, LISTED).map((event) => `${describeTimelineEvent(event)} at ${event.atS} s`);
    if (late.length > LISTED) named.push(`${late.length - LISTED} more`);
    const count = late.length === 1 ? "1 event" : `${late.length} events`;
    warnings.push(
      `timeline: ${count} at or after the end of the run (${task.durationS} s measured) never happened: ${named.join("; ")}; ` +
        `a longer run reaches ${late.length === 1 ? "it" : "them"} (${howToRunLonger(task)})`,
    );
  }
  const clusters = task.scenario.topology.cluster.zones?.clusters;
  const lateClusters = (clusters?.failAtS ?? []).flatMap((atS, index) => (atS !== undefined && atS >= task.durationS ? [`${clusters!.names[index]} at ${atS} s`] : []));
  if (lateClusters.length > 0) {
    warnings.push(
      `clusters: failAtS at or after the end of the run (${task.durationS} s measured), so the cluster never failed: ${lateClusters.join("; ")}; ` +
        `a longer run reaches ${lateClusters.length === 1 ? "it" : "them"} (${howToRunLonger(task)})`,
    );
  }
  return warnings;
}

/**
 * A warning when the run rotates certificates under a mesh with mTLS off for every service: no
 * connection holds a certificate, so the rotation changes nothing (no mesh: nothing to say).
 * @example rotationWarnings(task) // ["certificate rotation at 30 s changed nothing: istio ran with mTLS off (--mtls permissive or strict)"]
 */
export function rotationWarnings(task: ReplicationTask): string[] {
  if (task.profile.architecture === "none" || task.mesh.mtlsByService.some((mode) => mode !== "off")) return [];
  const rotations = rotationsInTheRun(task);
  if (rotations.length === 0) return [];
  const times = rotations.map((event) => `${event.atS} s`).join(", ");
  return [`certificate rotation at ${times} changed nothing: ${task.meshId} ran with mTLS off (--mtls permissive or strict)`];
}

// --- internal ---

/** A staged run's stages make its measured time: --duration alone is refused there (plan-run.ts). */
function howToRunLonger(task: ReplicationTask): string {
  return task.staged ? "longer load.stages, or --rps with --duration for a constant rate" : "--duration, or the scenario's load";
}
