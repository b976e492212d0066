/**
 * Merges the replications' timelines interval by interval, exactly (counts add, compact
 * histograms merge), into `runs[].timeline`: rates per second and latency percentiles per
 * interval, with each interval's histogram so windows of them can be merged again later.
 */

import { CompactHistogram } from "../../stats/index.js";
import type { ReplicationResult } from "../replication/index.js";
import type { TimelineEntry } from "../results/index.js";
import { round } from "../results/index.js";

/**
 * The run's timeline from its replications (in replication order), or undefined when they
 * recorded none. Rates are per second of one replication's interval (the replications' mean).
 * `services` names the services of the CPU samples in order (undefined: left out, e.g. external).
 * @example summarizeTimeline(replications)?.[0].p99Ms
 */
export function summarizeTimeline(replications: ReplicationResult[], windowMs: number, services?: Array<string | undefined>): TimelineEntry[] | undefined {
  const first = replications[0].timeline;
  if (!first) return undefined;
  const { intervalMs } = first;
  const perReplicationMs = windowMs / replications.length;
  // Pending pods are reported only in runs where some pod waited for room at some interval's end.
  const anyPending = replications.some((replication) => replication.timeline!.intervals.some((interval) => interval.pending?.some((n) => n > 0)));
  return first.intervals.map((_, index) => {
    const startMs = index * intervalMs;
    const lengthMs = Math.min(intervalMs, perReplicationMs - startMs);
    const latency = new CompactHistogram();
    const failedByReason: Record<string, number> = {};
    let offered = 0;
    let nodeCpuMs: number[] | undefined;
    let serviceCpuMs: number[] | undefined;
    let replicas: number[] | undefined;
    let pending: number[] | undefined;
    for (const replication of replications) {
      const interval = replication.timeline!.intervals[index];
      offered += interval.offered;
      latency.merge(CompactHistogram.fromPacked(interval.latency));
      for (const [reason, n] of Object.entries(interval.failedByReason)) failedByReason[reason] = (failedByReason[reason] ?? 0) + n;
      if (interval.nodeCpuMs) nodeCpuMs = interval.nodeCpuMs.map((ms, node) => (nodeCpuMs?.[node] ?? 0) + ms);
      if (interval.replicas) replicas = interval.replicas.map((n, service) => (replicas?.[service] ?? 0) + n);
      if (anyPending && interval.pending) pending = interval.pending.map((n, service) => (pending?.[service] ?? 0) + n);
      if (interval.serviceCpuMs) serviceCpuMs = interval.serviceCpuMs.map((ms, service) => (serviceCpuMs?.[service] ?? 0) + ms);
    }
    const failed = Object.values(failedByReason).reduce((sum, n) => sum + n, 0);
    const perSec = (n: number) => round((n / (lengthMs * replications.length)) * 1000);
    const cores = replications[0].nodes?.map((node) => node.cores);
    return {
      atS: round(startMs / 1000),
      durationS: round(lengthMs / 1000),
      offeredPerSec: perSec(offered),
      completedPerSec: perSec(latency.count),
      failedPerSec: perSec(failed),
      meanMs: percentileOrNull(latency.mean),
      p50Ms: percentileOrNull(latency.valueAtPercentile(50)),
      p90Ms: percentileOrNull(latency.valueAtPercentile(90)),
      p99Ms: percentileOrNull(latency.valueAtPercentile(99)),
      maxMs: percentileOrNull(latency.max),
      failedByReason: sortedKeys(failedByReason),
      ...(nodeCpuMs && cores ? { nodeCpuUtilization: nodeCpuMs.map((ms, node) => round(ms / (cores[node] * lengthMs * replications.length))) } : {}),
      ...(serviceCpuMs && services ? { serviceVcpu: Object.fromEntries(services.flatMap((name, service) => (name === undefined ? [] : [[name, round(serviceCpuMs![service] / (lengthMs * replications.length))]]))) } : {}),
      ...(replicas && services ? { replicas: Object.fromEntries(services.flatMap((name, service) => (name === undefined ? [] : [[name, round(replicas![service] / replications.length)]]))) } : {}),
      ...(pending && services ? { pendingReplicas: Object.fromEntries(services.flatMap((name, service) => (name === undefined ? [] : [[name, round(pending![service] / replications.length)]]))) } : {}),
      latencyHistogram: latency.toJSON(),
    };
  });
}

/**
 * The latency percentile `p` over the entries whose interval starts in [fromS, toS), from their
 * merged histograms; null when none of them completed a request.
 * @example timelineWindowPercentile(run.timeline, 99, 10, 20)
 */
export function timelineWindowPercentile(timeline: TimelineEntry[], p: number, fromS: number, toS: number): number | null {
  return percentileOrNull(timelineWindowHistogram(timeline, fromS, toS).valueAtPercentile(p));
}

/**
 * The latencies of the entries whose interval starts in [fromS, toS), merged exactly.
 * @example timelineWindowHistogram(run.timeline, 10, 20).mean
 */
export function timelineWindowHistogram(timeline: TimelineEntry[], fromS: number, toS: number): CompactHistogram {
  const merged = new CompactHistogram();
  for (const entry of timeline) if (entry.atS >= fromS && entry.atS < toS) merged.merge(CompactHistogram.fromJSON(entry.latencyHistogram));
  return merged;
}

// --- internal ---

function percentileOrNull(value: number): number | null {
  return Number.isNaN(value) ? null : round(value);
}

/** Reasons in name order, so the merged object's bytes do not depend on which replication failed first. */
function sortedKeys(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
