/**
 * The pods an autoscaler asked for that found no room on a node, over a run's replications: the
 * `runs[].pendingPods` field and its warnings.
 */

import type { ReplicationResult } from "../replication/index.js";
import type { RunSummary } from "../results/index.js";

/**
 * Pods an autoscaler asked for that waited for room, per service: the most at once over the
 * replications and the mean pod-seconds; undefined when none waited (or nothing autoscales).
 * @example summarizePending(replications)?.api.peak // 3
 */
export function summarizePending(replications: ReplicationResult[]): RunSummary["pendingPods"] {
  const first = replications[0].pending;
  if (!first) return undefined;
  const entries = first.flatMap(({ service }, index) => {
    const peak = Math.max(...replications.map((r) => r.pending![index].peak));
    const podMs = replications.reduce((sum, r) => sum + r.pending![index].podMs, 0) / replications.length;
    // To the millisecond: pods change only at the autoscaler's syncs.
    return peak > 0 ? [[service, { peak, podSeconds: Math.round(podMs) / 1000 }] as const] : [];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/**
 * One warning per service whose pods waited, naming the way out.
 * @example pendingWarnings({ api: { peak: 1, podSeconds: 30 } })[0] // "api: up to 1 pod the autoscaler asked for stayed pending, ..."
 */
export function pendingWarnings(pending: NonNullable<RunSummary["pendingPods"]>): string[] {
  return Object.entries(pending).map(
    ([service, { peak, podSeconds }]) =>
      `${service}: up to ${peak} pod${peak === 1 ? "" : "s"} the autoscaler asked for stayed pending, no node having room for ${peak === 1 ? "its" : "their"} requests (${podSeconds} pod-seconds per replication); add nodes or lower maxReplicas`,
  );
}
