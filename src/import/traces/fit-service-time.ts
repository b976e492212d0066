/**
 * A service-time distribution from measured times: an empirical histogram when there are enough
 * samples, else a lognormal with the samples' mean and coefficient of variation. Each histogram bar
 * is centred on the mean of the samples it stands for (with empty bars between), so the histogram's
 * mean is the samples' mean, whatever their skew.
 */

import type { DistributionSpec } from "../../random/index.js";
import { MIN_CV } from "../../scenario/index.js";

export interface FittedTime {
  spec: DistributionSpec;
  /** "empirical", "lognormal" or "constant". */
  how: DistributionSpec["type"];
  count: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  cv: number;
}

/** Fewer samples than this get a fitted lognormal: a histogram of a handful of points is mostly noise. */
export const MIN_EMPIRICAL_SAMPLES = 50;
/** Most bars in a histogram. */
export const MAX_BINS = 20;

/**
 * Fits `samples` (ms, at least one, none negative).
 * @throws RangeError for no samples
 * @example fitServiceTime([1, 2, 3]).spec // { type: "lognormal", meanMs: 2, cv: 0.5 }
 */
export function fitServiceTime(samples: readonly number[]): FittedTime {
  if (samples.length === 0) throw new RangeError("fitServiceTime needs at least one sample");
  const sorted = [...samples].map((value) => Math.max(0, value)).sort((a, b) => a - b);
  const meanMs = sum(sorted) / sorted.length;
  const variance = sorted.length > 1 ? sum(sorted.map((value) => (value - meanMs) ** 2)) / (sorted.length - 1) : 0;
  const cv = meanMs > 0 ? Math.sqrt(variance) / meanMs : 0;
  const summary = { count: sorted.length, meanMs, p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99), maxMs: sorted[sorted.length - 1], cv };
  // Less variation than a scenario's lognormal may have cannot show in results: a constant.
  if (meanMs <= 0 || cv < MIN_CV) return { ...summary, spec: { type: "constant", valueMs: round(meanMs) }, how: "constant" };
  if (sorted.length < MIN_EMPIRICAL_SAMPLES) return { ...summary, spec: { type: "lognormal", meanMs: round(meanMs), cv: round(cv) }, how: "lognormal" };
  return { ...summary, spec: { type: "empirical", bins: histogram(sorted) }, how: "empirical" };
}

// --- internal ---

/** Bin edges are written to a tenth of a microsecond. */
const RESOLUTION_MS = 1e-4;

function histogram(sorted: number[]): Array<{ upToMs: number; weight: number }> {
  const groupCount = Math.min(MAX_BINS, Math.floor(sorted.length / 10));
  const groups: Array<{ low: number; high: number; total: number; count: number }> = [];
  for (let g = 0; g < groupCount; g++) {
    const from = Math.floor((g * sorted.length) / groupCount);
    const to = Math.floor(((g + 1) * sorted.length) / groupCount);
    const slice = sorted.slice(from, to);
    const group = { low: slice[0], high: slice[slice.length - 1], total: sum(slice), count: slice.length };
    const last = groups[groups.length - 1];
    // Equal values must stay in one bar, or bars would overlap.
    if (last && group.low <= last.high + RESOLUTION_MS) {
      last.high = Math.max(last.high, group.high);
      last.total += group.total;
      last.count += group.count;
    } else {
      groups.push(group);
    }
  }
  const bins: Array<{ upToMs: number; weight: number }> = [];
  let edge = 0;
  groups.forEach((group, index) => {
    const centre = group.total / group.count;
    const next = groups[index + 1];
    // Widest bar centred on the group's mean that stays inside the group's range; a group of one
    // value gets a sliver that stays clear of its neighbours.
    let half = Math.min(centre - group.low, group.high - centre);
    if (half < RESOLUTION_MS) {
      const room = Math.min(centre - edge, next ? next.low - centre : Number.POSITIVE_INFINITY);
      half = Math.min(Math.max(RESOLUTION_MS, centre * 1e-3), room / 2);
    }
    const low = round(Math.max(edge, centre - half));
    const high = round(Math.max(low + RESOLUTION_MS, centre + half));
    if (low > edge + RESOLUTION_MS / 2) bins.push({ upToMs: low, weight: 0 });
    bins.push({ upToMs: high, weight: group.count });
    edge = high;
  });
  return bins;
}

function quantile(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

function round(value: number): number {
  return Math.round(value / RESOLUTION_MS) * RESOLUTION_MS > 0 ? Number((Math.round(value / RESOLUTION_MS) * RESOLUTION_MS).toFixed(4)) : 0;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
