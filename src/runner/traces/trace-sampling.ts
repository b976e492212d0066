/**
 * Which simulated requests are traced: a hash of the run's identity and the request's index in the
 * run against the sampling ratio, never a random stream, so tracing draws no numbers the model
 * uses and the same requests are traced whatever the number of workers or shards. The mesh is left
 * out of the hash: under every mesh the same requests (same arrivals and draws) are traced.
 */

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
 * Whether request `index` of the run keyed `key` is traced at `ratio` (0 < ratio <= 1): its hash,
 * uniform on [0, 1), is below the ratio. Every request is traced at ratio 1.
 * @example isSampled(samplingKey(1, "rps=50", 0), 17, 0.1) // true for about one index in ten
 */
export function isSampled(key: number, index: number, ratio: number): boolean {
  if (ratio >= 1) return true;
  return mix32(key ^ Math.imul(index, 0x9e3779b1)) / 4294967296 < ratio;
}

// --- internal ---

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
