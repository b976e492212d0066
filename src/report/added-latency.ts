/**
 * What a mesh adds to a latency percentile over no mesh, with the half-width of that
 * difference's 95% interval across replications, and whether the difference stands out of the
 * noise; shown the same way in the terminal and in the report.
 */

import type { LatencySummary } from "../runner/index.js";
import { signedMs } from "./_report-html-numbers.js";
import { formatMs } from "./format-number.js";

/** One added percentile, ms. */
export interface AddedLatency {
  /** The mesh's percentile minus the baseline's, ms. */
  ms: number;
  /** Half-width of the difference's 95% interval, ms; null when a run has none (one replication). */
  halfWidthMs: number | null;
}

/** The mark of an added latency with no interval (one replication): it may be noise. */
export const NO_INTERVAL_MARK = "?";

/**
 * What `run` adds to `statistic` over `baseline`, with the half-width of its 95% interval.
 * @example addedLatency(istio.latencyMs, none.latencyMs, "p99") // { ms: 6.79, halfWidthMs: 4.25 }
 */
export function addedLatency(run: LatencySummary, baseline: LatencySummary, statistic: "p50" | "p99"): AddedLatency {
  return { ms: run[statistic] - baseline[statistic], halfWidthMs: differenceHalfWidth(run.ci95?.[statistic], baseline.ci95?.[statistic]) };
}

/**
 * The half-width of the 95% interval of the difference of two estimates, from each one's own
 * 95% interval (`latencyMs.ci95`): sqrt(a² + b²), ms; null when either has no interval.
 *
 * This treats the two estimates as independent, the only reading the results allow: they carry
 * each run's interval, not the replications' own percentiles that a paired interval would
 * need. Runs of one seed share their arrivals and service times (common random numbers), which
 * makes the two estimates move together and their difference steadier than this says, so the
 * half-width is an upper bound: a difference inside it is one these intervals cannot tell from
 * zero (never proof that there is none), and a difference outside it is the mesh's.
 * @example differenceHalfWidth([9, 11], [19, 23]) // sqrt(1 + 4) = 2.236...
 */
export function differenceHalfWidth(a: [number, number] | null | undefined, b: [number, number] | null | undefined): number | null {
  if (!a || !b) return null;
  return Math.hypot(intervalHalfWidth(a), intervalHalfWidth(b));
}

/**
 * Whether the difference lies within its 95% interval of zero: noise as far as the intervals
 * tell. False without an interval (nothing to judge it by: see `halfWidthMs`).
 * @example isWithinNoise({ ms: 1.05, halfWidthMs: 2.3 }) // true
 */
export function isWithinNoise(added: AddedLatency): boolean {
  return added.halfWidthMs !== null && Math.abs(added.ms) <= added.halfWidthMs;
}

/**
 * The difference for a terminal table (ms in the head): "+6.79 ±4.25" when it stands out of
 * the noise, "≈0 (±181)" when it does not, "+0.676 ?" without an interval.
 * @example formatAdded({ ms: 1.05, halfWidthMs: 2.3 }) // "≈0 (±2.30)"
 */
export function formatAdded(added: AddedLatency): string {
  if (added.halfWidthMs === null) return `${signedMs(added.ms)} ${NO_INTERVAL_MARK}`;
  if (isWithinNoise(added)) return `≈0 (±${formatMs(added.halfWidthMs)})`;
  return `${signedMs(added.ms)} ±${formatMs(added.halfWidthMs)}`;
}

/**
 * The difference for the report: as `formatAdded` with its unit, the difference itself in a
 * tooltip when it is within noise, and what the mark means when there is no interval.
 * @example formatAddedHtml({ ms: 6.79, halfWidthMs: 4.25 }) // "+6.79 ± 4.25 ms"
 */
export function formatAddedHtml(added: AddedLatency): string {
  if (added.halfWidthMs === null) return `${signedMs(added.ms)} ms <span class="muted" title="one replication: no 95% interval to tell this from noise">${NO_INTERVAL_MARK}</span>`;
  if (isWithinNoise(added)) {
    const title = `${signedMs(added.ms)} ms, within ±${formatMs(added.halfWidthMs)} ms (the 95% interval of the difference): noise, not the mesh's cost`;
    return `<span class="muted" title="${title}">≈0 (± ${formatMs(added.halfWidthMs)} ms)</span>`;
  }
  return `${signedMs(added.ms)} ± ${formatMs(added.halfWidthMs)} ms`;
}

// --- internal ---

/**
 * Half the width of a run's interval. summarize-run cuts an interval's lower end at 0 (a
 * latency is never negative); such an interval's own half-width lies between half its upper end
 * and its upper end, so the upper end is taken, the wider reading.
 */
function intervalHalfWidth([lower, upper]: [number, number]): number {
  return lower <= 0 ? upper : (upper - lower) / 2;
}
