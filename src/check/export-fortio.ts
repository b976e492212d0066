/**
 * A run of the results document as a Fortio result JSON, so tools that read Fortio (its own
 * report UI, Meshery, scripts written for real benchmarks) can read predictions too. The
 * results keep percentiles, not the whole histogram, so `Data` holds one bucket per reported
 * percentile and Min and StdDev, which the results lack, are left out.
 */

import type { RunSummary } from "../runner/index.js";
import type { FortioHistogramBucket, FortioResult } from "../validation/index.js";

export interface FortioExportContext {
  scenario: string;
  /** meshsim's version, for Fortio's Version field. */
  version: string;
  /** When the export was made, wall-clock ms (a simulation has no start time of its own). */
  startedMs: number;
  /** The scenario's connections, when known (Fortio's NumThreads). */
  connections?: number;
}

/** The percentiles the results document keeps, as Fortio numbers them. */
const PERCENTILES: Array<[number, "p50" | "p90" | "p99" | "p999"]> = [
  [50, "p50"],
  [90, "p90"],
  [99, "p99"],
  [99.9, "p999"],
];

/**
 * The Fortio result of one run. The replications count as one run laid end to end:
 * ActualDuration is durationS x replications, Count every completed request.
 * @example JSON.stringify(toFortioResult(document.runs[0], { scenario: "fortio", version: "0.1.0", startedMs: Date.now() }))
 */
export function toFortioResult(run: RunSummary, context: FortioExportContext): FortioResult {
  // To 0.1 ns: the results hold 0.1 µs, and this keeps 1.8 ms from printing as 0.0017999999999999997 s.
  const seconds = (ms: number) => Math.round(ms * 1e7) / 1e10;
  const count = run.requests.completed;
  const totalS = run.durationS * run.replications;
  const retCodes: Record<string, number> = { "200": count };
  // Failures in the model are timeouts, rejections and open circuits: Envoy answers those with 503.
  if (run.requests.failed > 0) retCodes["503"] = run.requests.failed;
  const result: FortioResult = {
    RunType: "HTTP",
    Labels: `meshsim ${context.scenario} ${run.mesh} mtls=${run.mtls}`,
    StartTime: new Date(context.startedMs).toISOString(),
    RequestedQPS: String(run.rps),
    RequestedDuration: `${totalS}s`,
    ActualQPS: run.throughputPerSec,
    ActualDuration: Math.round(totalS * 1e9),
    ...(context.connections !== undefined ? { NumThreads: context.connections } : {}),
    Version: `meshsim ${context.version}`,
    DurationHistogram: {
      Count: count,
      Max: seconds(run.latencyMs.max),
      Sum: seconds(run.latencyMs.mean * count),
      Avg: seconds(run.latencyMs.mean),
      Data: buckets(run, count),
      Percentiles: PERCENTILES.map(([percentile, field]) => ({ Percentile: percentile, Value: seconds(run.latencyMs[field]) })),
    },
    Exactly: -1,
    RetCodes: retCodes,
    URL: `meshsim://${context.scenario}/${run.mesh}`,
  };
  return result;
}

// --- internal ---

/** Buckets between the reported percentiles (0, p50, p90, p99, p99.9, max), counts in proportion. */
function buckets(run: RunSummary, count: number): FortioHistogramBucket[] {
  const edges: Array<[number, number]> = [
    [run.latencyMs.p50, 50],
    [run.latencyMs.p90, 90],
    [run.latencyMs.p99, 99],
    [run.latencyMs.p999, 99.9],
    [run.latencyMs.max, 100],
  ];
  const data: FortioHistogramBucket[] = [];
  let start = 0;
  let counted = 0;
  for (const [endMs, percent] of edges) {
    const upTo = percent === 100 ? count : Math.round((count * percent) / 100);
    const end = Math.round(endMs * 1e7) / 1e10;
    if (end > start && upTo > counted) {
      data.push({ Start: start, End: end, Percent: percent, Count: upTo - counted });
      counted = upTo;
      start = end;
    }
  }
  // Percentiles equal to the maximum leave the tail's requests to the last bucket.
  const last = data[data.length - 1];
  if (last !== undefined && counted < count) {
    last.Count += count - counted;
    last.Percent = 100;
  }
  return data;
}
