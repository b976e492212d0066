/**
 * Which simulated requests are traced, and how the traces say so: OpenTelemetry's consistent
 * probability sampling, a request's 56-bit randomness value (`rv`) against the rejection threshold
 * (`th`) of the sampling ratio, both written in the spans' W3C tracestate (`ot=rv:…;th:…`), so the
 * importer and other OTLP tools read the ratio back. The randomness is a hash of the run's identity
 * and the request's index, never a random stream, so tracing draws no numbers the model uses and
 * the same requests are traced whatever the number of workers or shards. The mesh is left out of
 * the hash: under every mesh the same requests (same arrivals and draws) are traced.
 * https://github.com/open-telemetry/opentelemetry-specification/blob/01f0569fef17db516e5cbff5ebb50c3c884f45df/specification/trace/tracestate-probability-sampling.md
 */

/**
 * A sampling ratio as OpenTelemetry's 56-bit rejection threshold: a request is traced when its
 * randomness is at least the threshold. The threshold is kept as its high 32 and low 24 bits
 * because 56 bits overflow a double's integers.
 */
export interface SamplingThreshold {
  high: number;
  low: number;
  /** The `th` value of the tracestate: hex, trailing zeros removed ("0" at ratio 1). */
  th: string;
}

/** Hex digits of threshold the OpenTelemetry SDKs write by default (the spec's recommendation). */
export const THRESHOLD_PRECISION = 4;

/**
 * A 32-bit FNV-1a hash of `text`, from `basis` (FNV's offset basis by default).
 * @example hashText("rps=50") // an integer in [0, 2^32)
 */
export function hashText(text: string, basis = 0x811c9dc5): number {
  let hash = basis;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The key of a run's sampling: its seed, load point and replication (not its mesh). */
export function samplingKey(seed: number, loadPointKey: string, replication: number): number {
  return hashText(`${seed}/${loadPointKey}/${replication}`);
}

/**
 * The rejection threshold of `ratio` (0 < ratio <= 1) at THRESHOLD_PRECISION hex digits, more
 * where the ratio is near 0 or 1 (collector-contrib's ProbabilityToThresholdWithPrecision).
 * https://github.com/open-telemetry/opentelemetry-collector-contrib/blob/v0.107.0/pkg/sampling/probability.go
 * @throws RangeError for a ratio outside (2^-56, 1]
 * @example samplingThreshold(0.1).th // "e666"
 */
export function samplingThreshold(ratio: number): SamplingThreshold {
  if (!(ratio >= 2 ** -56 && ratio <= 1)) throw new RangeError(`sampling ratio must be in [2^-56, 1], got ${ratio}`);
  // Leading hex digits that are all f (ratio near 0) or all 0 (near 1) carry no precision.
  const precision = Math.min(HEX_DIGITS, THRESHOLD_PRECISION + Math.max(Math.trunc(exponentOf(ratio) / -4), Math.trunc(exponentOf(1 - ratio) / -4)));
  let threshold = MAX_ADJUSTED_COUNT - BigInt(Math.round(ratio * 2 ** 56));
  const shift = BigInt(4 * (HEX_DIGITS - precision));
  if (shift > 0n) threshold = ((threshold + (1n << (shift - 1n))) >> shift) << shift;
  const th = threshold === 0n ? "0" : threshold.toString(16).padStart(HEX_DIGITS, "0").replace(/0+$/, "");
  return { high: Number(threshold >> 24n), low: Number(threshold & 0xffffffn), th };
}

/**
 * Whether request `index` of the run keyed `key` is traced at `threshold`: its randomness value
 * is at least the threshold. Every request is traced at ratio 1 (threshold 0). Allocates nothing.
 * @example isSampled(samplingKey(1, "rps=50", 0), 17, samplingThreshold(0.1)) // true for about one index in ten
 */
export function isSampled(key: number, index: number, threshold: SamplingThreshold): boolean {
  const high = randomHigh(key, index);
  return high > threshold.high || (high === threshold.high && randomLow(high) >= threshold.low);
}

/**
 * The tracestate of request `index`'s spans: its randomness value and the threshold it was
 * sampled at, under OpenTelemetry's `ot` key.
 * @example traceStateOf(key, 17, samplingThreshold(0.1)) // "ot=rv:9c3e01aa5d2b7f;th:e666"
 */
export function traceStateOf(key: number, index: number, threshold: SamplingThreshold): string {
  const high = randomHigh(key, index);
  return `ot=rv:${high.toString(16).padStart(8, "0")}${randomLow(high).toString(16).padStart(6, "0")};th:${threshold.th}`;
}

// --- internal ---

/** 56 bits of threshold or randomness, in hex digits. */
const HEX_DIGITS = 14;
const MAX_ADJUSTED_COUNT = 1n << 56n;

/** The base-2 exponent of `value` as C's frexp gives it (value = m * 2^e, 0.5 <= m < 1); 0 for 0. */
function exponentOf(value: number): number {
  return value === 0 ? 0 : Math.floor(Math.log2(value)) + 1;
}

/** The randomness value's high 32 bits: the request's hash. */
function randomHigh(key: number, index: number): number {
  return mix32(key ^ Math.imul(index, 0x9e3779b1));
}

/** Its low 24 bits: a hash of the high ones, so the value is one function of the request. */
function randomLow(high: number): number {
  return mix32(high ^ 0x5bd1e995) >>> 8;
}

/**
 * MurmurHash3's 32-bit finaliser: spreads every input bit over the output, so consecutive indices
 * give unrelated values.
 * https://github.com/aappleby/smhasher/blob/61a0530f28277f2e850bfc39600ce61d02b518de/src/MurmurHash3.cpp#L68-L77
 */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
