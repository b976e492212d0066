/**
 * Dense ids for a few keys out of a large space: the first key added gets id 0, the next 1, and so
 * on. For tables over pairs of which a run uses few (a client proxy and a service it calls, out of
 * 20,000 pods times thousands of services): memory follows the keys added, not the key space.
 *
 *   slot:  hash(key) >>> shift, then the next slots in turn until the key or an empty slot
 *   keys:  [ 0 | k7+1 | 0 | k2+1 | k9+1 | 0 ... ]   key + 1 stored, so a new array's 0 is empty
 *   ids:   [ . |  0   | . |  1   |  2   | . ... ]   at most half the slots used, so probes stay short
 *
 * Open addressing with linear probing over typed arrays (Knuth, TAOCP vol. 3, 6.4, algorithm L),
 * Fibonacci hashing for the slot (the key times 2^32 / golden ratio, the top bits kept). Keys are
 * 31-bit integers, so a lookup is integer arithmetic only (a client and host key is at most
 * 20,001 clients x 30,000 hosts).
 * Keys are never removed. Nothing is allocated per lookup; the arrays double when half full.
 * When the keys are known to be few (below DIRECT_KEYS), a table over every key finds them with
 * one read instead: the small networks most runs simulate pay no hashing.
 */

const INITIAL_SLOTS = 16;
/** 2^32 / golden ratio, odd: Fibonacci hashing's multiplier. */
const FIBONACCI = 0x9e3779b9 | 0;
/** Keys are below this: stored plus one, they fit an Int32Array. */
export const SPARSE_KEY_LIMIT = 2 ** 31 - 1;
/** Key spaces up to this many keys get a table over every key (4 MiB at most). */
const DIRECT_KEYS = 2 ** 20;

/**
 * @example const ids = new SparseIds(); ids.add(4e8); ids.add(7); ids.idOf(7) // 1
 */
export class SparseIds {
  /** With few keys: per key, its id + 1 (0: not added); the hash table is then unused. */
  readonly #direct: Int32Array | undefined;
  readonly #keyCount: number;
  /** Per slot: its key + 1, 0 when empty. */
  #keys = new Int32Array(INITIAL_SLOTS);
  /** Per slot: the key's id. */
  #ids = new Int32Array(INITIAL_SLOTS);
  /** 32 - log2(slots): a hash's top bits index the slots. */
  #shift = 32 - Math.log2(INITIAL_SLOTS);
  #mask = INITIAL_SLOTS - 1;
  #size = 0;

  /**
   * @param keyCount keys are below it (at most SPARSE_KEY_LIMIT, the default): up to 2^20, a
   * table over every key serves lookups
   */
  constructor(keyCount = SPARSE_KEY_LIMIT) {
    this.#keyCount = Math.min(keyCount, SPARSE_KEY_LIMIT);
    this.#direct = keyCount <= DIRECT_KEYS ? new Int32Array(keyCount) : undefined;
  }

  /** Keys added. */
  get size(): number {
    return this.#size;
  }

  /**
   * The id of `key` (an integer, 0 <= key < the key count), or -1 when it was never added.
   * O(1) expected.
   */
  idOf(key: number): number {
    const direct = this.#direct;
    if (direct !== undefined) return direct[key] - 1;
    const keys = this.#keys;
    const stored = key + 1;
    let slot = Math.imul(key, FIBONACCI) >>> this.#shift;
    for (;;) {
      const found = keys[slot];
      if (found === stored) return this.#ids[slot];
      if (found === 0) return -1;
      slot = (slot + 1) & this.#mask;
    }
  }

  /**
   * Adds `key` (an integer, 0 <= key < the key count, not added before) and returns its id, the
   * number of keys added before it. O(1) amortised.
   * @throws RangeError when the key is not such an integer
   */
  add(key: number): number {
    if (!(Number.isInteger(key) && key >= 0 && key < this.#keyCount)) throw new RangeError(`a sparse id's key must be an integer from 0 to ${this.#keyCount - 1}, got ${key}`);
    const id = this.#size++;
    if (this.#direct !== undefined) {
      this.#direct[key] = id + 1;
      return id;
    }
    if (2 * this.#size > this.#keys.length) this.#grow();
    this.#place(key, id);
    return id;
  }

  // --- internal ---

  #place(key: number, id: number): void {
    const keys = this.#keys;
    let slot = Math.imul(key, FIBONACCI) >>> this.#shift;
    while (keys[slot] !== 0) slot = (slot + 1) & this.#mask;
    keys[slot] = key + 1;
    this.#ids[slot] = id;
  }

  /** Twice the slots, every key placed again. */
  #grow(): void {
    const oldKeys = this.#keys;
    const oldIds = this.#ids;
    const slots = 2 * oldKeys.length;
    this.#keys = new Int32Array(slots);
    this.#ids = new Int32Array(slots);
    this.#shift--;
    this.#mask = slots - 1;
    for (let slot = 0; slot < oldKeys.length; slot++) {
      if (oldKeys[slot] !== 0) this.#place(oldKeys[slot] - 1, oldIds[slot]);
    }
  }
}
