/**
 * A latency service-level objective such as `p99<50ms`: parsed from its text and checked
 * against a run's latency summary.
 */

import type { LatencySummary } from "../runner/index.js";
import { DURATION_EXAMPLES, parseDuration } from "../scenario/index.js";

/** The latency statistics an SLO can bound (fields of `latencyMs`). */
export const SLO_STATISTICS = ["p50", "p90", "p99", "p999", "mean"] as const;
export type SloStatistic = (typeof SLO_STATISTICS)[number];

export interface Slo {
  /** As the user wrote it, e.g. "p99<50ms". */
  text: string;
  statistic: SloStatistic;
  /** The bound, milliseconds. */
  thresholdMs: number;
  /** `<=` rather than `<`. */
  inclusive: boolean;
}

const SLO_PATTERN = /^(p50|p90|p99|p999|p99\.9|mean)\s*(<=?)\s*(\S+)$/;

/**
 * Parses `p99<50ms`, `p999<=0.2s`, `mean<500us` (statistics p50, p90, p99, p999 or p99.9, mean;
 * the bound in meshsim's one duration grammar, a bare number in ms, as `check --threshold` reads it).
 * @throws RangeError whose message says what the text should look like
 * @example parseSlo("p99<50ms") // { text: "p99<50ms", statistic: "p99", thresholdMs: 50, inclusive: false }
 */
export function parseSlo(text: string): Slo {
  const match = SLO_PATTERN.exec(text.trim());
  const thresholdMs = match ? (parseDuration(match[3], "ms", "ms") ?? NaN) : NaN;
  if (!match || !(thresholdMs > 0)) {
    throw new RangeError(
      `must look like p99<50ms (statistic p50, p90, p99, p999 or mean; < or <=; a positive duration like ${DURATION_EXAMPLES}, a bare number in ms), got ${JSON.stringify(text)}`,
    );
  }
  const statistic = (match[1] === "p99.9" ? "p999" : match[1]) as SloStatistic;
  return { text: text.trim(), statistic, thresholdMs, inclusive: match[2] === "<=" };
}

/**
 * Whether a latency summary meets the SLO.
 * @example meetsSlo({ ...latency, p99: 42 }, parseSlo("p99<50ms")) // true
 */
export function meetsSlo(latencyMs: LatencySummary, slo: Slo): boolean {
  const value = latencyMs[slo.statistic];
  return slo.inclusive ? value <= slo.thresholdMs : value < slo.thresholdMs;
}

/**
 * The SLO's statistic as charts and tables name it.
 * @example sloStatisticLabel("p999") // "p99.9"
 */
export function sloStatisticLabel(statistic: SloStatistic): string {
  return statistic === "p999" ? "p99.9" : statistic;
}
