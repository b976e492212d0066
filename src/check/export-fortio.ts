/**
 * A run of the results document as a Fortio result JSON (`fortio load -json`, Fortio 1.57's
 * HTTP runner: every field it writes, in its order), so tools that read Fortio (its report UI,
 * Meshery, scripts written for real benchmarks) read predictions too. The duration histogram
 * comes from the run's own: `Data` in fine buckets (64 per power of two: 0.8-1.6% wide), Min, StdDev and the
 * percentiles Fortio prints by default (50, 75, 90, 99, 99.9).
 */

import { round, type RunSummary } from "../runner/index.js";
import { LatencyHistogram } from "../stats/index.js";
import type { FortioHistogram, FortioHistogramBucket, FortioResult } from "../validation/index.js";

export interface FortioExportContext {
  scenario: string;
  /** meshsim's version, for Fortio's Version field. */
  version: string;
  /** When the export was made, wall-clock ms (a simulation has no start time of its own). */
  startedMs: number;
  /** The scenario's connections, when known (Fortio's NumThreads). */
  connections?: number;
  /** The scenario's load, when known: request and response bodies, keep-alive, uniform arrivals. */
  load?: { requestBytes: number; responseBytes: number; keepAlive: boolean; uniform: boolean };
}

/** The percentiles `fortio load` reports unless told otherwise (its -p default). */
export const FORTIO_PERCENTILES = [50, 75, 90, 99, 99.9];

/** HDR sub-buckets joined into one Fortio bucket: 1024 / 16 = 64 per power of two, 0.8-1.6% wide. */
const SUB_BUCKETS_PER_FORTIO_BUCKET = 16;

/** Fortio's defaults for the HTTP options a simulation has no say in. */
const FORTIO_DEFAULT_TIMEOUT_NS = 3_000_000_000;

/**
 * The Fortio result of one run. The replications count as one run laid end to end:
 * ActualDuration is durationS x replications, Count every completed request. Failed requests
 * are counted in RetCodes (503, Envoy's answer for timeouts, refusals and open circuits); the
 * simulator does not time them, so ErrorsDurationHistogram is empty.
 * @example JSON.stringify(toFortioResult(document.runs[0], { scenario: "fortio", version: "0.1.0", startedMs: Date.now() }))
 */
export function toFortioResult(run: RunSummary, context: FortioExportContext): FortioResult {
  const count = run.requests.completed;
  const totalS = run.durationS * run.replications;
  const retCodes: Record<string, number> = { "200": count };
  if (run.requests.failed > 0) retCodes["503"] = run.requests.failed;
  const startTime = new Date(context.startedMs);
  const labels = `meshsim ${context.scenario} ${run.mesh} mtls=${run.mtls}`;
  const threads = context.connections ?? 1;
  const responseBytes = context.load?.responseBytes ?? 0;
  const sockets = clientSockets(run, context.load, threads);
  return {
    RunType: "HTTP",
    Labels: labels,
    StartTime: startTime.toISOString(),
    RequestedQPS: run.users === undefined ? String(run.rps) : "max",
    RequestedDuration: `${totalS}s`,
    ActualQPS: run.throughputPerSec,
    ActualDuration: Math.round(totalS * 1e9),
    NumThreads: threads,
    Version: `meshsim ${context.version}`,
    DurationHistogram: durationHistogram(run),
    ErrorsDurationHistogram: emptyHistogram(),
    Exactly: 0,
    Jitter: false,
    Uniform: context.load?.uniform ?? false,
    NoCatchUp: false,
    RunID: 0,
    AccessLoggerInfo: "",
    ID: fortioId(startTime, labels),
    RetCodes: retCodes,
    IPCountMap: {},
    Insecure: false,
    MTLS: false,
    CACert: "",
    Cert: "",
    Key: "",
    UnixDomainSocket: "",
    URL: `meshsim://${context.scenario}/${run.mesh}`,
    NumConnections: threads,
    Compression: false,
    DisableFastClient: false,
    HTTP10: false,
    H2: false,
    DisableKeepAlive: context.load ? !context.load.keepAlive : false,
    AllowHalfClose: false,
    FollowRedirects: false,
    Resolve: "",
    HTTPReqTimeOut: FORTIO_DEFAULT_TIMEOUT_NS,
    UserCredentials: "",
    ContentType: "",
    Payload: null,
    MethodOverride: "",
    LogErrors: false,
    SequentialWarmup: false,
    ConnReuseRange: [0, 0],
    NoResolveEachConn: false,
    Offset: 0,
    // Durations are recorded to the nanosecond.
    Resolution: 1e-9,
    Sizes: constantHistogram(count, responseBytes),
    HeaderSizes: emptyHistogram(),
    Sockets: sockets,
    SocketCount: sockets.reduce((sum, opened) => sum + opened, 0),
    ConnectionStats: emptyHistogram(),
    AbortOn: 0,
  };
}

// --- internal ---

/**
 * The sockets each of Fortio's threads opened: one each with keep-alive (the connections the client
 * holds, opened before the measured time as Fortio's warm-up does), one per request without; 0s
 * when the load is not known (exported from a results document alone).
 */
function clientSockets(run: RunSummary, load: FortioExportContext["load"], threads: number): number[] {
  if (load === undefined) return Array.from({ length: threads }, () => 0);
  if (load.keepAlive) return Array.from({ length: threads }, () => 1);
  const requests = run.requests.completed + run.requests.failed;
  return Array.from({ length: threads }, (_, thread) => Math.floor(requests / threads) + (thread < requests % threads ? 1 : 0));
}

/** The run's latency as Fortio's histogram, in seconds. */
function durationHistogram(run: RunSummary): FortioHistogram {
  const seconds = (ms: number) => Math.round(ms * 1e7) / 1e10;
  const count = run.requests.completed;
  if (count === 0) return emptyHistogram();
  const histogram = run.latencyHistogram ? LatencyHistogram.fromJSON(run.latencyHistogram) : undefined;
  // The figures the results document gives where it gives them (so the two agree), the
  // histogram for the rest (p75).
  const percentile = (p: number) => percentileFromSummary(run, p) ?? round(histogram!.valueAtPercentile(p));
  return {
    Count: count,
    Min: seconds(run.latencyMs.min ?? (histogram ? round(histogram.min) : 0)),
    Max: seconds(run.latencyMs.max),
    Sum: seconds(run.latencyMs.mean * count),
    Avg: seconds(run.latencyMs.mean),
    StdDev: seconds(run.latencyMs.stdDev ?? (histogram ? round(histogram.stdDeviation) : 0)),
    Data: histogram ? fineBuckets(histogram) : coarseBuckets(run, count),
    Percentiles: FORTIO_PERCENTILES.filter((p) => histogram || p !== 75).map((p) => ({ Percentile: p, Value: seconds(percentile(p)) })),
  };
}

/**
 * The histogram's buckets joined SUB_BUCKETS_PER_FORTIO_BUCKET at a time, in seconds, from Min
 * to Max, with the cumulative percentage Fortio gives each.
 */
function fineBuckets(histogram: LatencyHistogram): FortioHistogramBucket[] {
  const data: FortioHistogramBucket[] = [];
  let group = -1;
  let cumulative = 0;
  histogram.forEachBucket((lowMs, highMs, count, index) => {
    // Buckets come in order; a group is a run of SUB_BUCKETS_PER_FORTIO_BUCKET neighbours.
    const bucketGroup = Math.floor(index / SUB_BUCKETS_PER_FORTIO_BUCKET);
    cumulative += count;
    const percent = (cumulative / histogram.count) * 100;
    const last = data[data.length - 1];
    if (bucketGroup === group && last) {
      last.End = toSeconds(highMs);
      last.Count += count;
      last.Percent = percent;
    } else {
      data.push({ Start: toSeconds(lowMs), End: toSeconds(highMs), Percent: percent, Count: count });
      group = bucketGroup;
    }
  });
  return data;
}

/** A document written before the histogram was kept: one bucket between each pair of percentiles. */
function coarseBuckets(run: RunSummary, count: number): FortioHistogramBucket[] {
  const edges: Array<[number, number]> = [
    [run.latencyMs.p50, 50],
    [run.latencyMs.p90, 90],
    [run.latencyMs.p99, 99],
    [run.latencyMs.p999, 99.9],
    [run.latencyMs.max, 100],
  ];
  const data: FortioHistogramBucket[] = [];
  let start = toSeconds(run.latencyMs.min ?? 0);
  let counted = 0;
  for (const [endMs, percent] of edges) {
    const upTo = percent === 100 ? count : Math.round((count * percent) / 100);
    const end = toSeconds(endMs);
    if (end > start && upTo > counted) {
      data.push({ Start: start, End: end, Percent: percent, Count: upTo - counted });
      counted = upTo;
      start = end;
    }
  }
  const last = data[data.length - 1];
  if (last !== undefined && counted < count) {
    last.Count += count - counted;
    last.Percent = 100;
  }
  return data;
}

/** The percentile as the results document keeps it (p50, p90, p99, p99.9); undefined for others. */
function percentileFromSummary(run: RunSummary, p: number): number | undefined {
  const fields: Record<number, "p50" | "p90" | "p99" | "p999"> = { 50: "p50", 90: "p90", 99: "p99", 99.9: "p999" };
  return fields[p] === undefined ? undefined : run.latencyMs[fields[p]];
}

function toSeconds(ms: number): number {
  return Math.round(ms * 1e7) / 1e10;
}

/** Fortio's histogram of nothing (what it writes for no errors). */
function emptyHistogram(): FortioHistogram {
  return { Count: 0, Min: 0, Max: 0, Sum: 0, Avg: 0, StdDev: 0, Data: null };
}

/** `count` values all equal to `value` (the response size of every completed request). */
function constantHistogram(count: number, value: number): FortioHistogram {
  if (count === 0) return emptyHistogram();
  return { Count: count, Min: value, Max: value, Sum: value * count, Avg: value, StdDev: 0, Data: [{ Start: value, End: value, Percent: 100, Count: count }] };
}

/** Fortio's result ID: YYYY-MM-DD-HHmmSS, then the labels' letters and digits joined by `_`, at most 64 bytes. */
function fortioId(start: Date, labels: string): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const base = `${start.getUTCFullYear()}-${pad(start.getUTCMonth() + 1)}-${pad(start.getUTCDate())}-${pad(start.getUTCHours())}${pad(start.getUTCMinutes())}${pad(start.getUTCSeconds())}`;
  const words = labels.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_|_$/g, "");
  return `${base}${words ? `_${words}` : ""}`.slice(0, 64);
}
