/**
 * A log-linear (HDR-style) histogram of durations: O(1), allocation-free recording with a
 * bounded relative error on every percentile, and exact merging so per-worker histograms
 * combine into the same result in any order.
 */

import * as layout from "./_histogram-layout.js";
import { checkLatencyHistogramJson, type LatencyHistogramJson } from "./_latency-histogram-json.js";

export type { LatencyHistogramJson } from "./_latency-histogram-json.js";

// Module-local copies: some loaders (vitest, tsx) turn imported bindings into getter calls,
// which would otherwise run on every record().
const BUCKET_COUNT = layout.BUCKET_COUNT;
const MAX_NS = layout.MAX_NS;
const NS_PER_MS = layout.NS_PER_MS;
/** The longest duration a histogram records, ms: 2^53 - 1 ns, about 104 days. */
export const MAX_RECORDABLE_MS = MAX_NS / NS_PER_MS;
const SUB_BUCKET_COUNT = layout.SUB_BUCKET_COUNT;
const SUM_LOW_LIMIT = layout.SUM_LOW_LIMIT;
const TWO_POW_32 = layout.TWO_POW_32;
const bucketIndexOfNs = layout.bucketIndexOfNs;
const bucketMidpointNs = layout.bucketMidpointNs;
const bucketRangeNs = layout.bucketRangeNs;
const nearestRank = layout.nearestRank;
const clampedMidpointMs = layout.clampedMidpointMs;

/**
 * A histogram of durations in milliseconds with 1024 linear sub-buckets per power of two
 * of nanoseconds (the HdrHistogram layout, see countsArrayIndex in
 * https://github.com/HdrHistogram/HdrHistogram/blob/ad76bb512b510a37f6a55fdea32f8f3dd3355771/src/main/java/org/HdrHistogram/AbstractHistogram.java):
 *
 * ```
 * index:  0 ... 1023 | 1024 ... 2047 | 2048 ... 3071 | ... | 34816 ... 35839
 * ns:     0 ... 1023 | 1024 ... 2047 | 2048 ... 4095 | ... | 2^43 ... 2^44, and above
 * width:  1 ns each  | 1 ns each     | 2 ns each     | ... | 2^33 ns each
 * ```
 *
 * Accuracy: a duration is rounded to whole nanoseconds; a reported percentile is the
 * midpoint of the bucket holding the nearest-rank sample, clamped to [min, max]. For values
 * of at least 1024 ns (about 1 microsecond) the relative error is at most 2^-10 (about 0.1%:
 * half a bucket, 2^-11, plus the nanosecond rounding); below that the absolute error is at
 * most 0.5 ns. Values of 2^44 ns (about 4.9 hours) or more share the top bucket, so
 * percentiles landing there are only bounded by `max`; p = 100 always returns the exact max.
 *
 * Memory: 35,840 Float64 counts (280 KiB) per histogram. Counts are exact up to 2^53.
 * The sum is kept exactly in integer nanoseconds as two words (see `sumNs` in toJSON), exact
 * while the total stays below 2^85 ns, so `mean` does not depend on merge order.
 * An empty histogram reports NaN for mean, min, max and every percentile: there is no value,
 * and 0 would read as a real zero latency.
 *
 * @example const h = new LatencyHistogram(); h.record(12.5); h.valueAtPercentile(99); // ~12.5
 */
export class LatencyHistogram {
  readonly #counts = new Float64Array(BUCKET_COUNT);
  #count = 0;
  #min = Infinity;
  #max = -Infinity;
  #sumNsHigh = 0;
  #sumNsLow = 0;

  /**
   * Records one duration. O(1), no allocation. Negative durations (including -0) count as 0.
   *
   * @param durationMs - duration in milliseconds.
   * @throws RangeError when `durationMs` is not finite or is 2^53 ns (about 104 days) or more.
   * @example histogram.record(3.2);
   */
  record(durationMs: number): void {
    let ns = Math.round(durationMs * NS_PER_MS);
    if (!(ns <= MAX_NS) || ns === -Infinity) throwNotRecordable(durationMs);
    let valueMs = durationMs;
    if (valueMs <= 0) {
      valueMs = 0;
      ns = 0;
    }
    this.#counts[bucketIndexOfNs(ns)] += 1;
    this.#count += 1;
    if (valueMs < this.#min) this.#min = valueMs;
    if (valueMs > this.#max) this.#max = valueMs;
    if (ns < TWO_POW_32) {
      this.#sumNsLow += ns;
    } else {
      const high = Math.floor(ns / TWO_POW_32);
      this.#sumNsHigh += high;
      this.#sumNsLow += ns - high * TWO_POW_32;
    }
    if (this.#sumNsLow >= SUM_LOW_LIMIT) this.#carrySum();
  }

  /**
   * Records `count` copies of one duration in O(1); the same as calling record `count` times.
   *
   * @param durationMs - duration in milliseconds.
   * @param count - how many times; a non-negative integer (0 records nothing).
   * @throws RangeError naming `durationMs` or `count` when it is invalid.
   * @example histogram.recordMany(3.2, 1000);
   */
  recordMany(durationMs: number, count: number): void {
    let ns = Math.round(durationMs * NS_PER_MS);
    if (!(ns <= MAX_NS) || ns === -Infinity) throwNotRecordable(durationMs);
    if (!(Number.isSafeInteger(count) && count >= 0)) {
      throw new RangeError(`count must be a non-negative integer, got ${String(count)}`);
    }
    if (count === 0) return;
    let valueMs = durationMs;
    if (valueMs <= 0) {
      valueMs = 0;
      ns = 0;
    }
    this.#counts[bucketIndexOfNs(ns)] += count;
    this.#count += count;
    if (valueMs < this.#min) this.#min = valueMs;
    if (valueMs > this.#max) this.#max = valueMs;
    const product = ns * count;
    if (product < 2 ** 53) {
      this.#addToSum(product);
    } else {
      // Rare (huge counts of long durations): multiply exactly, then split into the two words.
      const exact = BigInt(ns) * BigInt(count);
      this.#sumNsHigh += Number(exact >> 32n);
      this.#sumNsLow += Number(exact & 0xffffffffn);
      if (this.#sumNsLow >= SUM_LOW_LIMIT) this.#carrySum();
    }
  }

  /**
   * Adds every value recorded in `other` to this histogram, exactly: counts, min, max and
   * the integer sum, so merging shards in any order gives bit-identical results. O(buckets
   * between other's min and max).
   *
   * @example total.merge(shardHistogram);
   */
  merge(other: LatencyHistogram): void {
    if (other.#count === 0) return;
    const counts = this.#counts;
    const otherCounts = other.#counts;
    const last = other.#highestBucket();
    for (let i = other.#lowestBucket(); i <= last; i++) counts[i] += otherCounts[i];
    this.#addTotals(other.#count, other.#min, other.#max, other.#sumNsHigh, other.#sumNsLow);
  }

  /**
   * Adds the values of a toJSON snapshot (a worker's, a shard's), exactly as
   * `merge(LatencyHistogram.fromJSON(json))` would, without building the 280 KiB histogram in
   * between: summing a plan's replications took most of its time allocating those. O(the
   * snapshot's non-empty buckets).
   *
   * @throws RangeError naming the first invalid field, e.g. `json.counts[3][1]`.
   * @example total.mergeJSON(replication.latency);
   */
  mergeJSON(json: LatencyHistogramJson): void {
    checkLatencyHistogramJson(json);
    if (json.count === 0) return;
    const counts = this.#counts;
    for (const [index, count] of json.counts) counts[index] += count;
    this.#addTotals(json.count, json.min, json.max, json.sumNs[0], json.sumNs[1]);
  }

  /**
   * The value at percentile `p` in milliseconds: the nearest-rank sample (the smallest value
   * with at least p% of values at or below it), reported as its bucket's midpoint clamped to
   * [min, max]. p = 0 gives the exact min and p = 100 the exact max. NaN when empty.
   * O(buckets); see the class comment for the error bound.
   *
   * @param p - percentile between 0 and 100.
   * @throws RangeError when `p` is outside [0, 100] or not a number.
   * @example histogram.valueAtPercentile(99.9);
   */
  valueAtPercentile(p: number): number {
    if (!(p >= 0 && p <= 100)) {
      throw new RangeError(`percentile must be between 0 and 100, got ${String(p)}`);
    }
    if (this.#count === 0) return Number.NaN;
    if (p === 0) return this.#min;
    if (p === 100) return this.#max;
    const rank = nearestRank(p, this.#count);
    const counts = this.#counts;
    let cumulative = 0;
    for (let i = bucketIndexOfNs(Math.round(this.#min * NS_PER_MS)); i < BUCKET_COUNT; i++) {
      cumulative += counts[i];
      if (cumulative >= rank) return clampedMidpointMs(i, this.#min, this.#max);
    }
    return this.#max;
  }

  /**
   * Number of recorded values.
   * @example new LatencyHistogram().count; // 0
   */
  get count(): number {
    return this.#count;
  }

  /**
   * Exact mean of the recorded values (each rounded to whole nanoseconds) in ms; NaN when empty.
   * @example histogram.mean;
   */
  get mean(): number {
    if (this.#count === 0) return Number.NaN;
    return (this.#sumNsHigh * TWO_POW_32 + this.#sumNsLow) / this.#count / NS_PER_MS;
  }

  /**
   * Standard deviation of the recorded values in ms (population, as HdrHistogram and Fortio
   * report it), from each bucket's midpoint clamped to [min, max] around the exact mean: within
   * the buckets' relative error of the exact figure, and the same in any merge order. NaN when
   * empty. O(buckets from min's to max's); computed on demand, so recording costs nothing more.
   * @example histogram.stdDeviation;
   */
  get stdDeviation(): number {
    if (this.#count === 0) return Number.NaN;
    const meanNs = (this.#sumNsHigh * TWO_POW_32 + this.#sumNsLow) / this.#count;
    const minNs = Math.round(this.#min * NS_PER_MS);
    const maxNs = Math.round(this.#max * NS_PER_MS);
    const counts = this.#counts;
    let squares = 0;
    const last = bucketIndexOfNs(maxNs);
    for (let i = bucketIndexOfNs(minNs); i <= last; i++) {
      if (counts[i] === 0) continue;
      const deviation = Math.min(maxNs, Math.max(minNs, bucketMidpointNs(i))) - meanNs;
      squares += counts[i] * deviation * deviation;
    }
    return Math.sqrt(squares / this.#count) / NS_PER_MS;
  }

  /**
   * Calls `visit` for each non-empty bucket in increasing order with its range in ms (the
   * lowest and highest whole nanosecond it holds, clamped to [min, max]), its count and its
   * index (1024 per power of two of nanoseconds, see the class comment): the whole
   * distribution, for exports (Fortio's Data, HdrHistogram). O(buckets).
   * @example histogram.forEachBucket((lowMs, highMs, count) => rows.push([lowMs, highMs, count]));
   */
  forEachBucket(visit: (lowMs: number, highMs: number, count: number, index: number) => void): void {
    if (this.#count === 0) return;
    const counts = this.#counts;
    const last = this.#highestBucket();
    for (let i = this.#lowestBucket(); i <= last; i++) {
      if (counts[i] === 0) continue;
      const [lowNs, highNs] = bucketRangeNs(i);
      // The top bucket also holds everything above its range, up to max.
      const highMs = i === BUCKET_COUNT - 1 ? this.#max : Math.min(this.#max, Math.max(this.#min, highNs / NS_PER_MS));
      visit(Math.max(this.#min, lowNs / NS_PER_MS), highMs, counts[i], i);
    }
  }

  /**
   * Smallest recorded value in ms, exactly as recorded (negatives as 0); NaN when empty.
   * @example histogram.min;
   */
  get min(): number {
    return this.#count === 0 ? Number.NaN : this.#min;
  }

  /**
   * Largest recorded value in ms, exactly as recorded, even above the top bucket; NaN when empty.
   * @example histogram.max;
   */
  get max(): number {
    return this.#count === 0 ? Number.NaN : this.#max;
  }

  /**
   * Forgets every recorded value, keeping the allocated counts array. O(buckets).
   * @example histogram.reset();
   */
  reset(): void {
    this.#counts.fill(0);
    this.#count = 0;
    this.#min = Infinity;
    this.#max = -Infinity;
    this.#sumNsHigh = 0;
    this.#sumNsLow = 0;
  }

  /**
   * The sparse JSON-safe form: only non-empty buckets, sum normalised so equal histograms
   * give identical JSON. O(buckets).
   * @example JSON.stringify(histogram); // calls toJSON
   */
  toJSON(): LatencyHistogramJson {
    const counts: Array<[number, number]> = [];
    if (this.#count > 0) {
      const last = this.#highestBucket();
      for (let i = this.#lowestBucket(); i <= last; i++) {
        if (this.#counts[i] !== 0) counts.push([i, this.#counts[i]]);
      }
    }
    const carry = Math.floor(this.#sumNsLow / TWO_POW_32);
    const empty = this.#count === 0;
    return {
      sub: SUB_BUCKET_COUNT,
      count: this.#count,
      min: empty ? 0 : this.#min,
      max: empty ? 0 : this.#max,
      sumNs: [this.#sumNsHigh + carry, this.#sumNsLow - carry * TWO_POW_32],
      counts,
    };
  }

  /**
   * Rebuilds a histogram from toJSON's output (e.g. after a worker message or a shard file).
   *
   * @throws RangeError naming the first invalid field, e.g. `json.counts[3][1]`.
   * @example LatencyHistogram.fromJSON(JSON.parse(text));
   */
  static fromJSON(json: LatencyHistogramJson): LatencyHistogram {
    checkLatencyHistogramJson(json);
    const histogram = new LatencyHistogram();
    for (const [index, count] of json.counts) histogram.#counts[index] = count;
    histogram.#count = json.count;
    if (json.count > 0) {
      histogram.#min = json.min;
      histogram.#max = json.max;
    }
    histogram.#sumNsHigh = json.sumNs[0];
    histogram.#sumNsLow = json.sumNs[1];
    return histogram;
  }

  /** The bucket of min: no value lies below it (only with a value recorded). */
  #lowestBucket(): number {
    return bucketIndexOfNs(Math.round(this.#min * NS_PER_MS));
  }

  /** The bucket of max: no value lies above it (only with a value recorded). */
  #highestBucket(): number {
    return bucketIndexOfNs(Math.round(this.#max * NS_PER_MS));
  }

  /** Adds another histogram's count, extremes and sum words (merge, mergeJSON). */
  #addTotals(count: number, min: number, max: number, sumNsHigh: number, sumNsLow: number): void {
    this.#count += count;
    if (min < this.#min) this.#min = min;
    if (max > this.#max) this.#max = max;
    this.#sumNsHigh += sumNsHigh;
    this.#sumNsLow += sumNsLow;
    if (this.#sumNsLow >= SUM_LOW_LIMIT) this.#carrySum();
  }

  #addToSum(ns: number): void {
    const high = Math.floor(ns / TWO_POW_32);
    this.#sumNsHigh += high;
    this.#sumNsLow += ns - high * TWO_POW_32;
    if (this.#sumNsLow >= SUM_LOW_LIMIT) this.#carrySum();
  }

  #carrySum(): void {
    const carry = Math.floor(this.#sumNsLow / TWO_POW_32);
    this.#sumNsHigh += carry;
    this.#sumNsLow -= carry * TWO_POW_32;
  }
}

// --- internal ---

function throwNotRecordable(durationMs: number): never {
  throw new RangeError(
    `durationMs must be a finite number below 2^53 ns (about 104 days), got ${String(durationMs)}`,
  );
}
