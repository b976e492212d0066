/**
 * Thresholds over time: a metric over a window of `runs[].timeline` (`p99[30s..60s]`: the p99 of
 * the requests completed between 30 and 60 s into the measured time) or its worst interval
 * (`worst(p99)`: the highest p99 of any interval), read from the intervals' histograms.
 */

import { round, timelineWindowHistogram, type RunSummary, type TimelineEntry } from "../runner/index.js";
import { CompactHistogram } from "../stats/index.js";
import { DURATION_EXAMPLES, parseDuration } from "../scenario/index.js";
import type { MetricName } from "./check-metric.js";

/** Which intervals a windowed threshold reads, and whether it takes the worst one. */
export interface TimeWindow {
  /** The worst interval's figure instead of the figure over the window's requests. */
  worst: boolean;
  /** Intervals starting in [fromS, toS), s into the measured time. */
  fromS: number;
  toS: number;
}

/** Metrics a window can be read for: latency of the completed requests, and failures. */
export const WINDOW_METRICS: readonly MetricName[] = ["p50", "p90", "p99", "p999", "mean", "max", "failedRate"];

/**
 * Splits `worst(p99)[30s..60s]` into the metric's own text and its window; undefined when the
 * text names no window; a problem (for the error) when the window is malformed.
 * @example parseTimeWindow("p99[30s..1m]") // { metricText: "p99", window: { worst: false, fromS: 30, toS: 60 } }
 */
export function parseTimeWindow(text: string): { metricText: string; window: TimeWindow } | string | undefined {
  const match = /^(?:worst\((.+)\)|([^[(]+(?:\([^)]*\))?))(?:\[([^\]]*)\])?$/.exec(text);
  if (!match || (match[1] === undefined && match[3] === undefined)) return undefined;
  const metricText = match[1] ?? match[2];
  const worst = match[1] !== undefined;
  if (match[3] === undefined) return { metricText, window: { worst, fromS: 0, toS: Infinity } };
  const bounds = match[3].split("..").map((bound) => bound.trim());
  if (bounds.length !== 2) return `has a window [${match[3]}] that is not [from..to] (e.g. [30s..1m], or [30s..] to the end)`;
  const fromS = bounds[0] === "" ? 0 : parseDuration(bounds[0], "s", "s");
  const toS = bounds[1] === "" ? Infinity : parseDuration(bounds[1], "s", "s");
  if (fromS === undefined || toS === undefined) return `has a window [${match[3]}] whose bounds are not durations (write them like ${DURATION_EXAMPLES}; a bare number is seconds)`;
  if (!(toS > fromS)) return `has a window [${match[3]}] that ends before it starts`;
  return { metricText, window: { worst, fromS, toS } };
}

/**
 * The metric over the run's timeline in `window`: latency in ms, failedRate as a fraction;
 * undefined when the run has no timeline or no interval in the window holds a request.
 * @example readWindowMetric("p99", run, { worst: true, fromS: 0, toS: Infinity })
 */
export function readWindowMetric(metric: MetricName, run: RunSummary, window: TimeWindow): number | undefined {
  const entries = (run.timeline ?? []).filter((entry) => entry.atS >= window.fromS && entry.atS < window.toS);
  if (window.worst) {
    const values = entries.map((entry) => figureOf(metric, [entry])).filter((value): value is number => value !== undefined);
    return values.length > 0 ? Math.max(...values) : undefined;
  }
  return figureOf(metric, entries);
}

// --- internal ---

function figureOf(metric: MetricName, entries: TimelineEntry[]): number | undefined {
  if (entries.length === 0) return undefined;
  const merged = timelineWindowHistogram(entries, -Infinity, Infinity);
  if (metric === "failedRate") {
    const failed = entries.reduce((sum, entry) => sum + Object.values(entry.failedByReason).reduce((a, b) => a + b, 0), 0);
    const total = failed + merged.count;
    return total > 0 ? failed / total : undefined;
  }
  if (merged.count === 0) return undefined;
  return round(latencyOf(metric, merged));
}

function latencyOf(metric: MetricName, histogram: CompactHistogram): number {
  switch (metric) {
    case "mean":
      return histogram.mean;
    case "max":
      return histogram.max;
    case "p50":
      return histogram.valueAtPercentile(50);
    case "p90":
      return histogram.valueAtPercentile(90);
    case "p99":
      return histogram.valueAtPercentile(99);
    default:
      return histogram.valueAtPercentile(99.9);
  }
}
