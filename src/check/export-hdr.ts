/**
 * A run's latency histogram in HdrHistogram's standard forms (through hdr-histogram-js), so
 * wrk2 and Nighthawk users lay a prediction's spectrum beside a measured one: a histogram log
 * (`.hlog`, one interval with the compressed histogram, what HistogramLogAnalyzer and
 * HdrHistogram's tools read) and the percentile distribution (`.hgrm`, the "Detailed Percentile
 * spectrum" wrk2 prints, which HdrHistogram's plotter draws). Values are microseconds, as wrk2
 * records them; the spectrum and the log's interval maximum are in milliseconds.
 */

import type * as Hdr from "hdr-histogram-js";
import { createRequire } from "node:module";
import type { RunSummary } from "../runner/index.js";
import { LatencyHistogram } from "../stats/index.js";

let hdrModule: typeof Hdr | undefined;

/** hdr-histogram-js, loaded on the first export: at start-up it took 20 ms of every command (zlib and all). */
function hdr(): typeof Hdr {
  return (hdrModule ??= createRequire(import.meta.url)("hdr-histogram-js") as typeof Hdr);
}

/** Microseconds per millisecond: the histogram's unit against the reports' milliseconds. */
const US_PER_MS = 1000;
/** Percentile steps per halving of the distance to 100%, as wrk2's spectrum prints (HdrHistogram's default 5). */
const TICKS_PER_HALF_DISTANCE = 5;

export interface HdrExportContext {
  scenario: string;
  /** When the export was made, wall-clock ms: the log's start time. */
  startedMs: number;
}

/**
 * The run's completed requests in an HdrHistogram of microseconds (3 significant digits): each
 * bucket of the run's own histogram (at most 0.1% wide) recorded at its midpoint.
 * @throws RangeError when the run keeps no histogram (a document written by an older meshsim)
 * @example toHdrHistogram(run).getValueAtPercentile(99) // µs
 */
export function toHdrHistogram(run: RunSummary): Hdr.Histogram {
  if (run.latencyHistogram === undefined) {
    throw new RangeError(`run ${run.mesh} @ ${run.rps} rps keeps no latency histogram: rerun it with this meshsim to export HdrHistogram`);
  }
  const source = LatencyHistogram.fromJSON(run.latencyHistogram);
  const histogram = hdr().build({ numberOfSignificantValueDigits: 3, bitBucketSize: 64 });
  source.forEachBucket((lowMs, highMs, count) => {
    histogram.recordValueWithCount(Math.round(((lowMs + highMs) / 2) * US_PER_MS), count);
  });
  return histogram;
}

/**
 * The run as an HdrHistogram log: version, start time, legend and one interval covering the
 * replications laid end to end.
 * @example writeFileSync("istio-1000rps.hlog", renderHdrLog(run, { scenario: "fortio", startedMs: Date.now() }))
 */
export function renderHdrLog(run: RunSummary, context: HdrExportContext): string {
  const histogram = toHdrHistogram(run);
  let text = "";
  const writer = new (hdr().HistogramLogWriter)((line) => (text += line));
  writer.outputComment(`meshsim ${context.scenario} ${run.mesh} mtls=${run.mtls} @ ${run.users === undefined ? `${run.rps} rps` : `${run.users} users`}; values in microseconds`);
  writer.outputLogFormatVersion();
  writer.outputStartTime(context.startedMs);
  writer.outputLegend();
  writer.outputIntervalHistogram(histogram, 0, run.durationS * run.replications, US_PER_MS);
  histogram.destroy();
  return text;
}

/**
 * The run's percentile distribution in milliseconds, as wrk2 prints its "Detailed Percentile
 * spectrum" (HdrHistogram's outputPercentileDistribution).
 * @example console.log(renderPercentileSpectrum(run))
 */
export function renderPercentileSpectrum(run: RunSummary): string {
  const histogram = toHdrHistogram(run);
  const text = histogram.outputPercentileDistribution(TICKS_PER_HALF_DISTANCE, US_PER_MS);
  histogram.destroy();
  return text;
}
