/**
 * Public surface of stats/: online accumulators, the latency histogram and confidence intervals.
 */

export { LatencyHistogram, MAX_RECORDABLE_MS, type LatencyHistogramJson } from "./latency-histogram.js";
export { snapshotPercentile } from "./snapshot-percentile.js";
export { Welford, type WelfordJson } from "./welford.js";
export { confidenceHalfWidth95, confidenceInterval95 } from "./confidence-interval.js";
export { studentTQuantile975 } from "./student-t-quantile.js";
export { CompactHistogram, COMPACT_SUB_BUCKETS, type CompactHistogramJson, type PackedCompactHistogram } from "./compact-histogram.js";
