/**
 * A small log-linear histogram of durations for results over time: one per interval of a run,
 * so it trades LatencyHistogram's 0.1% buckets (280 KiB) for 1.6% ones (10 KiB), and like it
 * records in O(1) without allocating and merges exactly in any order.
 */

/** log2 of the sub-buckets per power of two of nanoseconds. */
const SUB_BITS = 5;
/** 32 linear sub-buckets per power of two: a bucket is at most 1/32 of its values wide. */
export const COMPACT_SUB_BUCKETS = 1 << SUB_BITS;
/** Values at or above 2^44 ns (about 4.9 hours) share the top bucket; max stays exact. */
const TOP_BITS = 44;
const BUCKETS = (TOP_BITS - SUB_BITS + 1) * COMPACT_SUB_BUCKETS;
const TOP_NS = 2 ** TOP_BITS;
const TWO_POW_32 = 2 ** 32;
const NS_PER_MS = 1e6;

/** The sparse JSON form: non-empty buckets as [index, count], an exact integer sum of ns as [high, low]. */
export interface CompactHistogramJson {
  /** Sub-buckets per power of two (32); fromJSON refuses any other layout. */
  sub: number;
  count: number;
  /** Smallest and largest values recorded, ms (0 when empty). */
  min: number;
  max: number;
  sumNs: [number, number];
  counts: Array<[number, number]>;
}

/**
 * The JSON form with the non-empty buckets in one flat list, [index, count, index, count, ...]:
 * a pair as an array of its own costs V8 about 70 bytes, two numbers in a flat list 8. What a
 * replication sends of its many intervals (and shards carry); the results keep the pairs.
 */
export interface PackedCompactHistogram {
  count: number;
  min: number;
  max: number;
  sumNs: [number, number];
  buckets: number[];
}

/**
 * Durations in ms, bucketed as HdrHistogram does with 32 sub-buckets per power of two of
 * nanoseconds: a percentile is its bucket's midpoint clamped to [min, max], within 1/64 (1.6%)
 * of the true sample for values of 32 ns or more. The sum is exact in integer nanoseconds (two
 * words), so the mean does not depend on merge order. NaN for every figure when empty.
 * @example const h = new CompactHistogram(); h.record(12.5); h.valueAtPercentile(99); // ~12.5
 */
export class CompactHistogram {
  readonly #counts = freshCounts();
  #count = 0;
  #min = Infinity;
  #max = -Infinity;
  #sumHigh = 0;
  #sumLow = 0;

  /**
   * Records one duration, ms (negative counts as 0). O(1), no allocation.
   * @throws RangeError when `durationMs` is not a finite number
   */
  record(durationMs: number): void {
    if (!Number.isFinite(durationMs)) throw new RangeError(`durationMs must be a finite number, got ${String(durationMs)}`);
    const valueMs = durationMs > 0 ? durationMs : 0;
    const ns = Math.round(valueMs * NS_PER_MS);
    this.#counts[indexOfNs(ns)] += 1;
    this.#count += 1;
    if (valueMs < this.#min) this.#min = valueMs;
    if (valueMs > this.#max) this.#max = valueMs;
    const high = Math.floor(ns / TWO_POW_32);
    this.#sumHigh += high;
    this.#sumLow += ns - high * TWO_POW_32;
    if (this.#sumLow >= TWO_POW_32) this.#carry();
  }

  /** Adds every value of `other`, exactly. O(buckets). */
  merge(other: CompactHistogram): void {
    if (other.#count === 0) return;
    for (let i = 0; i < BUCKETS; i++) this.#counts[i] += other.#counts[i];
    this.#count += other.#count;
    if (other.#min < this.#min) this.#min = other.#min;
    if (other.#max > this.#max) this.#max = other.#max;
    this.#sumHigh += other.#sumHigh;
    this.#sumLow += other.#sumLow;
    this.#carry();
  }

  get count(): number {
    return this.#count;
  }

  /** Exact mean of the values (each rounded to whole ns), ms; NaN when empty. */
  get mean(): number {
    return this.#count === 0 ? Number.NaN : (this.#sumHigh * TWO_POW_32 + this.#sumLow) / this.#count / NS_PER_MS;
  }

  /** Largest value recorded, ms; NaN when empty. */
  get max(): number {
    return this.#count === 0 ? Number.NaN : this.#max;
  }

  /**
   * The nearest-rank sample at percentile `p` (0-100) as its bucket's midpoint clamped to
   * [min, max], ms; NaN when empty. O(buckets).
   * @throws RangeError when `p` is outside [0, 100]
   */
  valueAtPercentile(p: number): number {
    if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, got ${String(p)}`);
    if (this.#count === 0) return Number.NaN;
    if (p === 0) return this.#min;
    if (p === 100) return this.#max;
    const exactRank = (p / 100) * this.#count;
    const rank = Math.max(1, Math.ceil(exactRank - exactRank * Number.EPSILON));
    let cumulative = 0;
    for (let i = 0; i < BUCKETS; i++) {
      cumulative += this.#counts[i];
      if (cumulative >= rank) return Math.min(this.#max, Math.max(this.#min, midpointNsOf(i) / NS_PER_MS));
    }
    return this.#max;
  }

  /** The sparse JSON form; equal histograms give identical JSON. O(buckets). */
  toJSON(): CompactHistogramJson {
    const counts: Array<[number, number]> = [];
    for (let i = 0; i < BUCKETS; i++) if (this.#counts[i] !== 0) counts.push([i, this.#counts[i]]);
    const empty = this.#count === 0;
    return { sub: COMPACT_SUB_BUCKETS, count: this.#count, min: empty ? 0 : this.#min, max: empty ? 0 : this.#max, sumNs: [this.#sumHigh, this.#sumLow], counts };
  }

  /** The packed form (toJSON's figures, the buckets in one flat list). O(buckets). */
  toPacked(): PackedCompactHistogram {
    const buckets: number[] = [];
    for (let i = 0; i < BUCKETS; i++) if (this.#counts[i] !== 0) buckets.push(i, this.#counts[i]);
    const empty = this.#count === 0;
    return { count: this.#count, min: empty ? 0 : this.#min, max: empty ? 0 : this.#max, sumNs: [this.#sumHigh, this.#sumLow], buckets };
  }

  /**
   * Rebuilds a histogram from toJSON's output.
   * @throws RangeError naming the first field that toJSON could not have written
   */
  static fromJSON(json: CompactHistogramJson): CompactHistogram {
    if (typeof json !== "object" || json === null) throw new RangeError("json must be an object from CompactHistogram.toJSON");
    if (json.sub !== COMPACT_SUB_BUCKETS) throw new RangeError(`json.sub must be ${COMPACT_SUB_BUCKETS}, got ${String(json.sub)}`);
    if (!Array.isArray(json.counts)) throw new RangeError("json.counts must be an array");
    const pairs = json.counts.map((entry) => (Array.isArray(entry) ? entry : [Number.NaN, Number.NaN]));
    return CompactHistogram.#build(json, pairs.length, (k) => pairs[k][0], (k) => pairs[k][1], (k, part) => (k === undefined ? "counts" : `counts[${k}][${part}]`));
  }

  /**
   * Rebuilds a histogram from toPacked's output.
   * @throws RangeError naming the first field that toPacked could not have written
   */
  static fromPacked(packed: PackedCompactHistogram): CompactHistogram {
    if (typeof packed !== "object" || packed === null) throw new RangeError("json must be an object from CompactHistogram.toPacked");
    const buckets = packed.buckets;
    if (!Array.isArray(buckets) || buckets.length % 2 !== 0) throw new RangeError("json.buckets must be a list of index, count pairs");
    return CompactHistogram.#build(packed, buckets.length / 2, (k) => buckets[2 * k], (k) => buckets[2 * k + 1], (k, part) => (k === undefined ? "buckets" : `buckets[${2 * k + part!}]`));
  }

  /** A histogram of `entries` buckets (each index and count read by position) and the figures of `form`, checked. */
  static #build(form: HistogramFigures, entries: number, indexAt: (k: number) => number, countAt: (k: number) => number, fieldOf: BucketField): CompactHistogram {
    checkFigures(form, entries, indexAt, countAt, fieldOf);
    const histogram = new CompactHistogram();
    for (let k = 0; k < entries; k++) histogram.#counts[indexAt(k)] = countAt(k);
    histogram.#count = form.count;
    if (form.count > 0) {
      histogram.#min = form.min;
      histogram.#max = form.max;
    }
    histogram.#sumHigh = form.sumNs[0];
    histogram.#sumLow = form.sumNs[1];
    return histogram;
  }

  #carry(): void {
    const carry = Math.floor(this.#sumLow / TWO_POW_32);
    this.#sumHigh += carry;
    this.#sumLow -= carry * TWO_POW_32;
  }
}

// --- internal ---

/** What both forms hold beside the buckets. */
type HistogramFigures = Pick<CompactHistogramJson, "count" | "min" | "max" | "sumNs">;
/** The field of a bucket's index (part 0) or count (part 1), or (no k) of the whole list, for errors. */
type BucketField = (k?: number, part?: 0 | 1) => string;

/**
 * Histograms per shared block of counts. A typed array with a buffer of its own costs V8 tens of
 * microseconds (external memory, and the collections it prompts): a run cut into 3,600 intervals
 * spent most of its time there. Views into a block of 64 cost a few microseconds each.
 */
const HISTOGRAMS_PER_BLOCK = 64;
let block = new Float64Array(0);
let blockUsed = HISTOGRAMS_PER_BLOCK;

/** Zeroed counts for one histogram, a view into the current block (a new block when it is full). */
function freshCounts(): Float64Array {
  if (blockUsed === HISTOGRAMS_PER_BLOCK) {
    block = new Float64Array(HISTOGRAMS_PER_BLOCK * BUCKETS);
    blockUsed = 0;
  }
  const start = blockUsed++ * BUCKETS;
  return block.subarray(start, start + BUCKETS);
}

/** The HdrHistogram index arithmetic of stats/_histogram-layout.ts with 32 sub-buckets. */
function indexOfNs(ns: number): number {
  if (ns < COMPACT_SUB_BUCKETS) return ns;
  if (ns >= TOP_NS) return BUCKETS - 1;
  const magnitude = ns < TWO_POW_32 ? 31 - Math.clz32(ns) : 63 - Math.clz32(ns / TWO_POW_32);
  const shift = magnitude - SUB_BITS;
  return ((shift + 1) << SUB_BITS) + (Math.floor(ns / 2 ** shift) - COMPACT_SUB_BUCKETS);
}

function midpointNsOf(index: number): number {
  if (index < COMPACT_SUB_BUCKETS) return index;
  const shift = (index >> SUB_BITS) - 1;
  const lowestNs = (COMPACT_SUB_BUCKETS + (index & (COMPACT_SUB_BUCKETS - 1))) * 2 ** shift;
  return lowestNs + (2 ** shift - 1) / 2;
}

/**
 * Throws a RangeError naming the first field `toJSON` or `toPacked` could not have written:
 * `entries` buckets, each read by position, and the figures beside them.
 */
function checkFigures(form: HistogramFigures, entries: number, indexAt: (k: number) => number, countAt: (k: number) => number, fieldOf: BucketField): void {
  const fail = (field: string, problem: string): never => {
    throw new RangeError(`json.${field} ${problem}`);
  };
  let total = 0;
  let previous = -1;
  for (let k = 0; k < entries; k++) {
    const index = indexAt(k);
    const count = countAt(k);
    if (!(Number.isInteger(index) && index > previous && index < BUCKETS)) fail(fieldOf(k, 0), `must be an integer index above ${previous} and below ${BUCKETS}`);
    if (!(Number.isSafeInteger(count) && count > 0)) fail(fieldOf(k, 1), "must be a positive integer");
    previous = index;
    total += count;
  }
  if (form.count !== total) fail("count", `must equal the sum of json.${fieldOf()} (${total}), got ${String(form.count)}`);
  if (total > 0 && !(form.min >= 0 && form.max >= form.min && Number.isFinite(form.max))) fail("max", "must be a finite number at least json.min");
  const sum = form.sumNs;
  if (!Array.isArray(sum) || sum.length !== 2 || !sum.every((word) => Number.isSafeInteger(word) && word >= 0) || sum[1] >= TWO_POW_32) {
    fail("sumNs", "must be [high, low] with integers at least 0 and low < 2^32");
  }
}
