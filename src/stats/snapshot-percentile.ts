/**
 * Percentiles read straight from a LatencyHistogram's sparse JSON form (a replication's result,
 * a shard's), with the same answer as `LatencyHistogram.fromJSON(json).valueAtPercentile(p)`
 * but without rebuilding its 280 KiB of counts: a plan's summary reads the p50 and p99 of every
 * replication of every request type.
 */

import { clampedMidpointMs, nearestRank } from "./_histogram-layout.js";
import { checkLatencyHistogramJson, type LatencyHistogramJson } from "./_latency-histogram-json.js";

/**
 * The value at percentile `p` of the histogram `json` describes, ms (see
 * LatencyHistogram.valueAtPercentile): NaN when it is empty. O(its non-empty buckets).
 * @throws RangeError when `p` is outside [0, 100], or naming the first invalid field of `json`
 * @example snapshotPercentile(histogram.toJSON(), 99) === histogram.valueAtPercentile(99); // true
 */
export function snapshotPercentile(json: LatencyHistogramJson, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, got ${String(p)}`);
  checkLatencyHistogramJson(json);
  if (json.count === 0) return Number.NaN;
  if (p === 0) return json.min;
  if (p === 100) return json.max;
  const rank = nearestRank(p, json.count);
  let cumulative = 0;
  for (const [index, count] of json.counts) {
    cumulative += count;
    if (cumulative >= rank) return clampedMidpointMs(index, json.min, json.max);
  }
  return json.max;
}
