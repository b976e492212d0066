/**
 * The bucket layout shared by LatencyHistogram, its JSON check and percentiles read from its
 * JSON: 1024 linear sub-buckets per power of two of nanoseconds, the index arithmetic in both
 * directions, and what a percentile reports of the bucket it lands in.
 */

/** log2 of the sub-buckets per power of two; values below 2^10 ns are counted exactly. */
export const SUB_BUCKET_BITS = 10;
/** 1024: linear sub-buckets per power of two, giving a relative bucket width of at most 2^-10. */
export const SUB_BUCKET_COUNT = 1 << SUB_BUCKET_BITS;
/** Values at or above 2^44 ns (about 4.9 hours) share the top bucket; max stays exact. */
export const TOP_MAGNITUDE_BITS = 44;
/** 2^44 ns: the first value counted in the top bucket rather than its own. */
export const TOP_NS = 2 ** TOP_MAGNITUDE_BITS;
/** 35,840 buckets: 1024 exact ones for 0..1023 ns, then 1024 for each power of two up to 2^44. */
export const BUCKET_COUNT = (TOP_MAGNITUDE_BITS - SUB_BUCKET_BITS + 1) * SUB_BUCKET_COUNT;
/** Nanoseconds per millisecond: recorded durations are rounded to whole nanoseconds. */
export const NS_PER_MS = 1e6;
/** The split point between the high and low words of large nanosecond counts. */
export const TWO_POW_32 = 2 ** 32;
/** Largest recordable duration: beyond 2^53 ns a nanosecond count is no longer exact. */
export const MAX_NS = Number.MAX_SAFE_INTEGER;
/** The low sum word is carried into the high word once it reaches this, keeping it exact. */
export const SUM_LOW_LIMIT = 2 ** 52;
const POW2 = Float64Array.from({ length: 64 }, (_, exponent) => 2 ** exponent);

/**
 * Bucket of a whole number of nanoseconds in [0, 2^53). O(1), no allocation.
 * @example bucketIndexOfNs(2049); // 2048
 */
export function bucketIndexOfNs(ns: number): number {
  if (ns < SUB_BUCKET_COUNT) return ns;
  if (ns < TWO_POW_32) {
    const shift = 31 - Math.clz32(ns) - SUB_BUCKET_BITS;
    return (shift << SUB_BUCKET_BITS) + (ns >>> shift);
  }
  if (ns >= TOP_NS) return BUCKET_COUNT - 1;
  // Math.clz32 sees 32 bits, so find the magnitude from the high word; dividing by a power
  // of two is exact, so the sub-bucket is too.
  const shift = 63 - Math.clz32(ns / TWO_POW_32) - SUB_BUCKET_BITS;
  return (shift << SUB_BUCKET_BITS) + Math.floor(ns / POW2[shift]);
}

/**
 * The lowest and highest whole numbers of nanoseconds that map to bucket `index` (the top
 * bucket also holds everything above its range).
 * @example bucketRangeNs(2048); // [2048, 2049]
 */
export function bucketRangeNs(index: number): [number, number] {
  if (index < SUB_BUCKET_COUNT) return [index, index];
  const shift = (index >> SUB_BUCKET_BITS) - 1;
  const lowestNs = (SUB_BUCKET_COUNT + (index & (SUB_BUCKET_COUNT - 1))) * POW2[shift];
  return [lowestNs, lowestNs + POW2[shift] - 1];
}

/**
 * Midpoint, in nanoseconds, of the whole numbers that map to bucket `index`.
 * @example bucketMidpointNs(2048); // 2048.5
 */
export function bucketMidpointNs(index: number): number {
  if (index < SUB_BUCKET_COUNT) return index;
  const shift = (index >> SUB_BUCKET_BITS) - 1;
  const lowestNs = (SUB_BUCKET_COUNT + (index & (SUB_BUCKET_COUNT - 1))) * POW2[shift];
  return lowestNs + (POW2[shift] - 1) / 2;
}

/**
 * The nearest rank of percentile `p` (0 < p < 100) among `count` values: the smallest rank with
 * at least p% of the values at or below it, at least 1.
 * @example nearestRank(99, 1000); // 990
 */
export function nearestRank(p: number, count: number): number {
  const exactRank = (p / 100) * count;
  // Subtracting a few ulps stops fp noise (0.07 * 100 = 7.000000000000001) from skipping a rank.
  return Math.max(1, Math.ceil(exactRank - exactRank * Number.EPSILON));
}

/**
 * What a percentile landing in bucket `index` reports, ms: the bucket's midpoint, clamped to
 * the recorded [minMs, maxMs].
 * @example clampedMidpointMs(2048, 0, 1); // 0.0020485
 */
export function clampedMidpointMs(index: number, minMs: number, maxMs: number): number {
  return Math.min(maxMs, Math.max(minMs, bucketMidpointNs(index) / NS_PER_MS));
}
