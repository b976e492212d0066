/**
 * The sparse JSON form of a LatencyHistogram and the check that a parsed value really is
 * one, so a corrupt shard file fails with the field named instead of merging garbage.
 */

import { BUCKET_COUNT, NS_PER_MS, SUB_BUCKET_COUNT, TWO_POW_32, bucketIndexOfNs } from "./_histogram-layout.js";

/**
 * The sparse, JSON-safe form of a LatencyHistogram, for worker messages and shard files.
 * @example const json: LatencyHistogramJson = histogram.toJSON();
 */
export interface LatencyHistogramJson {
  /** Sub-buckets per power of two (1024); fromJSON refuses any other layout. */
  sub: number;
  /** Number of recorded values. */
  count: number;
  /** Smallest recorded value in ms; 0 when count is 0. */
  min: number;
  /** Largest recorded value in ms; 0 when count is 0. */
  max: number;
  /** Exact sum of recorded values in whole nanoseconds as [high, low]: high * 2^32 + low, low < 2^32. */
  sumNs: [number, number];
  /** Non-empty buckets as [bucket index, count], in increasing index order. */
  counts: Array<[number, number]>;
}

/**
 * Throws a RangeError naming the first field of `json` that toJSON could not have produced.
 * @example checkLatencyHistogramJson({ sub: 2048 } as never); // RangeError: json.sub must be 1024, got 2048
 */
export function checkLatencyHistogramJson(json: LatencyHistogramJson): void {
  if (typeof json !== "object" || json === null) {
    throw new RangeError(`json must be an object from LatencyHistogram.toJSON, got ${String(json)}`);
  }
  if (json.sub !== SUB_BUCKET_COUNT) {
    throw new RangeError(`json.sub must be ${SUB_BUCKET_COUNT}, got ${String(json.sub)}`);
  }
  if (!Array.isArray(json.counts)) {
    throw new RangeError(`json.counts must be an array, got ${String(json.counts)}`);
  }
  let total = 0;
  let previousIndex = -1;
  json.counts.forEach((entry, position) => {
    if (!Array.isArray(entry) || entry.length !== 2) {
      throw new RangeError(
        `json.counts[${position}] must be an [index, count] pair, got ${JSON.stringify(entry)}`,
      );
    }
    const [index, count] = entry;
    if (!(Number.isInteger(index) && index > previousIndex && index < BUCKET_COUNT)) {
      throw new RangeError(
        `json.counts[${position}][0] must be an integer index above ${previousIndex} ` +
          `and below ${BUCKET_COUNT}, got ${String(index)}`,
      );
    }
    if (!(Number.isSafeInteger(count) && count > 0)) {
      throw new RangeError(
        `json.counts[${position}][1] must be a positive integer, got ${String(count)}`,
      );
    }
    previousIndex = index;
    total += count;
  });
  if (json.count !== total) {
    throw new RangeError(
      `json.count must equal the sum of json.counts (${total}), got ${String(json.count)}`,
    );
  }
  if (total > 0) {
    if (!(typeof json.min === "number" && json.min >= 0 && json.min < Infinity)) {
      throw new RangeError(`json.min must be a non-negative number, got ${String(json.min)}`);
    }
    if (!(typeof json.max === "number" && json.max >= json.min && json.max < Infinity)) {
      throw new RangeError(
        `json.max must be a finite number at least json.min (${json.min}), got ${String(json.max)}`,
      );
    }
  }
  const sumNs = json.sumNs;
  if (
    !Array.isArray(sumNs) ||
    sumNs.length !== 2 ||
    !sumNs.every((word) => Number.isSafeInteger(word) && word >= 0) ||
    sumNs[1] >= TWO_POW_32
  ) {
    throw new RangeError(
      "json.sumNs must be [high, low] with integers at least 0 and low < 2^32, " +
        `got ${JSON.stringify(sumNs)}`,
    );
  }
  if (total > 0) {
    // Every value lies between min and max, so does its bucket (merge and toJSON read only those).
    const lowest = bucketIndexOfNs(Math.round(json.min * NS_PER_MS));
    const highest = bucketIndexOfNs(Math.round(json.max * NS_PER_MS));
    const first = json.counts[0][0];
    const last = json.counts[json.counts.length - 1][0];
    if (first < lowest || last > highest) {
      throw new RangeError(
        `json.counts must lie in the buckets of json.min and json.max (${lowest}..${highest}), got ${first}..${last}`,
      );
    }
  }
}
