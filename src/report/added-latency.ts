/**
 * What a mesh adds to a latency percentile over no mesh, with the half-width of that
 * difference's 95% interval, paired over the replications, and whether the difference stands out of the
 * noise; shown the same way in the terminal and in the report.
 */

import type { LatencySummary } from "../runner/index.js";
import { confidenceHalfWidth95 } from "../stats/index.js";
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

/** What a figure shown without ± means, for the notes under the figures. */
export const EXACT_NOTE = "a figure without ± is the same in every replication (its interval has zero width)";

/**
 * The results document's latency resolution, ms (the runner rounds to 4 decimals): a half-width
 * under half of it is the float noise of differences the replications agree on, and counts as 0.
 */
const RESOLUTION_MS = 1e-4;

/**
 * What `run` adds to `statistic` over `baseline`, with the half-width of its 95% interval
 * (`latencyHalfWidth`). Both runs come from one results document: one seed, the same load.
 * @example addedLatency(istio.latencyMs, none.latencyMs, "p99") // { ms: 6.79, halfWidthMs: 1.2 }
 */
export function addedLatency(run: LatencySummary, baseline: LatencySummary, statistic: "p50" | "p99"): AddedLatency {
  return { ms: run[statistic] - baseline[statistic], halfWidthMs: latencyHalfWidth(run, baseline, statistic) };
}

/**
 * The half-width of the 95% interval of `a[statistic] - b[statistic]`, ms, for two runs of one
 * results document at the same load: paired over the replications (`pairedHalfWidth`) when
 * both carry their replications' own percentiles (`latencyMs.replications`, as many each),
 * else from the runs' own intervals (`differenceHalfWidth`, documents written before); null
 * with one replication; 0 when the replications agree on the difference (to the document's 0.1 µs).
 * @example latencyHalfWidth(istio.latencyMs, none.latencyMs, "p99") // 1.2
 */
export function latencyHalfWidth(a: LatencySummary, b: LatencySummary, statistic: "p50" | "p99"): number | null {
  const halfWidth = pairedHalfWidth(a.replications?.[statistic], b.replications?.[statistic]) ?? differenceHalfWidth(a.ci95?.[statistic], b.ci95?.[statistic]);
  return halfWidth !== null && halfWidth < RESOLUTION_MS / 2 ? 0 : halfWidth;
}

/**
 * The half-width of the paired 95% interval of a difference over replications:
 * t_0.975(n - 1) * sd(d) / sqrt(n), with d_i = a_i - b_i, ms; null unless `a` and `b` hold the
 * same number (2 or more) of finite values.
 *
 * Why paired: replication i of every mesh at one load draws the same arrivals and service times
 * (common random numbers: its streams derive from the seed, the load point and i, never the
 * mesh), so a slow replication is slow with and without a mesh, and that shared noise cancels
 * in d_i. The d_i of different replications are independent (different streams), so their
 * spread is what the difference itself would move by from seed to seed; the runs' own intervals
 * add up both runs' whole spread, shared part included, an upper bound many times wider on the
 * tail. The point estimate stays the difference of the merged percentiles: they pool the same n
 * replications, so it moves with the mean of the d_i, and the interval of that mean is taken
 * for it.
 *
 * Limits: with few replications sd(d) is itself rough (t(3) = 3.18 with 4 of them allows for
 * that, for d_i roughly normal); each replication's p99 rests on a hundredth of its requests, so
 * a short run's d_i are noisier (the interval wider) than the merged figure, and their mean can
 * sit a little off it (a percentile of pooled requests is not the mean of percentiles); and the
 * pairing holds only as far as the mesh leaves the draws in step (retries or timeouts that send
 * extra requests shift later draws), which loosens it, never biases it: the interval stays
 * valid, only wider.
 * @example pairedHalfWidth([12, 14, 13, 15], [10, 12, 11, 12]) // t(3) * sd([2, 2, 2, 3]) / 2 = 0.7956...
 */
export function pairedHalfWidth(a: readonly number[] | undefined, b: readonly number[] | undefined): number | null {
  if (!a || !b || a.length !== b.length || a.length < 2) return null;
  const differences = a.map((value, i) => value - b[i]);
  if (!differences.every(Number.isFinite)) return null;
  return confidenceHalfWidth95(differences);
}

/**
 * The half-width of the 95% interval of the difference of two estimates, from each one's own
 * 95% interval (`latencyMs.ci95`): sqrt(a² + b²), ms; null when either has no interval.
 *
 * This treats the two estimates as independent, the only reading a document without the
 * replications' own percentiles allows. Runs of one seed share their arrivals and service times
 * (common random numbers), which makes the two estimates move together and their difference
 * steadier than this says, so the half-width is an upper bound: a difference inside it is one
 * these intervals cannot tell from zero (never proof that there is none), and a difference
 * outside it is the mesh's.
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
 * the noise, "≈0 (±181)" when it does not, "+0.676 ?" without an interval, and "+0.676" alone
 * when the replications agree on it (an interval of zero width, `EXACT_NOTE`).
 * @example formatAdded({ ms: 1.05, halfWidthMs: 2.3 }) // "≈0 (±2.30)"
 */
export function formatAdded(added: AddedLatency): string {
  if (added.halfWidthMs === null) return `${signedMs(added.ms)} ${NO_INTERVAL_MARK}`;
  if (added.halfWidthMs === 0) return exactMs(added.ms);
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
  if (added.halfWidthMs === 0) return `<span title="the same in every replication: its 95% interval has zero width">${exactMs(added.ms)} ms</span>`;
  if (isWithinNoise(added)) {
    const title = `${signedMs(added.ms)} ms, within ±${formatMs(added.halfWidthMs)} ms (the 95% interval of the difference): noise, not the mesh's cost`;
    return `<span class="muted" title="${title}">≈0 (± ${formatMs(added.halfWidthMs)} ms)</span>`;
  }
  return `${signedMs(added.ms)} ± ${formatMs(added.halfWidthMs)} ms`;
}

// --- internal ---

/** A difference the replications agree on: signed, but a difference of exactly none is "0". */
function exactMs(ms: number): string {
  return ms === 0 ? "0" : signedMs(ms);
}

/**
 * Half the width of a run's interval. summarize-run cuts an interval's lower end at 0 (a
 * latency is never negative); such an interval's own half-width lies between half its upper end
 * and its upper end, so the upper end is taken, the wider reading.
 */
function intervalHalfWidth([lower, upper]: [number, number]): number {
  return lower <= 0 ? upper : (upper - lower) / 2;
}
