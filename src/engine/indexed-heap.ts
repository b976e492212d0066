/**
 * A binary min-heap of integer entries keyed by (key, insertion order), with each entry's
 * position kept so any entry can be removed or re-keyed in O(log n). Typed arrays, nothing
 * allocated per operation once grown. The simulation keys its timers by time with it; a node's
 * CPU keys its jobs and quota markers by virtual time.
 *
 *   heap position:  0     1     2   ...   keys and stamps sit beside their entry in heap order,
 *   entries:       [e0    e1    e2  ...]  so comparisons read them without an indirection;
 *   keys, stamps:  [k0,s0 k1,s1 ...   ]   position[entry] finds an entry's place
 */

const INITIAL_CAPACITY = 64;

/**
 * @example const heap = new IndexedHeap(); heap.push(3, 1.5); heap.top // 3
 */
export class IndexedHeap {
  /** Heap order: entry ids, their keys and insertion stamps (ties go to the earlier). */
  #entries = new Int32Array(INITIAL_CAPACITY);
  #keys = new Float64Array(INITIAL_CAPACITY);
  #stamps = new Float64Array(INITIAL_CAPACITY);
  /** Per entry: its heap position, or -1. */
  #position = new Int32Array(INITIAL_CAPACITY).fill(-1);
  #size = 0;
  #nextStamp = 0;

  get size(): number {
    return this.#size;
  }

  /** The entry with the smallest key (-1 when empty). */
  get top(): number {
    return this.#size > 0 ? this.#entries[0] : -1;
  }

  /**
   * The smallest key (Infinity when empty): a field kept after every change rather than a getter,
   * since a getter not inlined returns its double boxed, and the simulation reads it per event.
   */
  topKey = Infinity;

  /** The key of an entry in the heap. */
  keyOf(entry: number): number {
    return this.#keys[this.#position[entry]];
  }

  contains(entry: number): boolean {
    return entry < this.#position.length && this.#position[entry] >= 0;
  }

  /** Adds `entry` (not in the heap) with `key`. O(log n). */
  push(entry: number, key: number): void {
    this.#ensure(entry);
    this.#up(this.#size++, entry, key, this.#nextStamp++);
    this.topKey = this.#keys[0];
  }

  /**
   * Gives `entry` a new key, adding it if it is not in the heap; it then ranks as the newest
   * among equal keys. O(log n).
   */
  set(entry: number, key: number): void {
    if (!this.contains(entry)) {
      this.push(entry, key);
      return;
    }
    const index = this.#position[entry];
    const stamp = this.#nextStamp++;
    if (key < this.#keys[index]) this.#up(index, entry, key, stamp);
    else this.#down(index, entry, key, stamp);
    this.topKey = this.#keys[0];
  }

  /** Removes `entry` if it is in the heap. O(log n). */
  remove(entry: number): void {
    if (!this.contains(entry)) return;
    const index = this.#position[entry];
    this.#position[entry] = -1;
    const last = --this.#size;
    if (index === last) {
      if (last === 0) this.topKey = Infinity;
      return;
    }
    // The last entry fills the hole, then moves whichever way its key says.
    const moved = this.#entries[last];
    const key = this.#keys[last];
    const stamp = this.#stamps[last];
    const parent = (index - 1) >> 1;
    if (index > 0 && (key < this.#keys[parent] || (key === this.#keys[parent] && stamp < this.#stamps[parent]))) this.#up(index, moved, key, stamp);
    else this.#down(index, moved, key, stamp);
    this.topKey = this.#keys[0];
  }

  // --- internal ---

  /** Moves (entry, key, stamp) from the hole at `index` towards the root to its place. */
  #up(index: number, entry: number, key: number, stamp: number): void {
    const entries = this.#entries;
    const keys = this.#keys;
    const stamps = this.#stamps;
    const position = this.#position;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentKey = keys[parent];
      if (parentKey < key || (parentKey === key && stamps[parent] < stamp)) break;
      entries[index] = entries[parent];
      keys[index] = parentKey;
      stamps[index] = stamps[parent];
      position[entries[index]] = index;
      index = parent;
    }
    entries[index] = entry;
    keys[index] = key;
    stamps[index] = stamp;
    position[entry] = index;
  }

  /** Moves (entry, key, stamp) from the hole at `index` towards the leaves to its place. */
  #down(index: number, entry: number, key: number, stamp: number): void {
    const entries = this.#entries;
    const keys = this.#keys;
    const stamps = this.#stamps;
    const position = this.#position;
    const size = this.#size;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      if (right < size && (keys[right] < keys[left] || (keys[right] === keys[left] && stamps[right] < stamps[left]))) child = right;
      const childKey = keys[child];
      if (key < childKey || (key === childKey && stamp < stamps[child])) break;
      entries[index] = entries[child];
      keys[index] = childKey;
      stamps[index] = stamps[child];
      position[entries[index]] = index;
      index = child;
    }
    entries[index] = entry;
    keys[index] = key;
    stamps[index] = stamp;
    position[entry] = index;
  }

  #ensure(entry: number): void {
    if (entry >= this.#position.length) {
      let capacity = this.#position.length;
      while (capacity <= entry) capacity *= 2;
      const position = new Int32Array(capacity).fill(-1);
      position.set(this.#position);
      this.#position = position;
    }
    if (this.#size === this.#entries.length) {
      const capacity = this.#entries.length * 2;
      this.#entries = grown(new Int32Array(capacity), this.#entries);
      this.#keys = grown(new Float64Array(capacity), this.#keys);
      this.#stamps = grown(new Float64Array(capacity), this.#stamps);
    }
  }
}

function grown<T extends Int32Array | Float64Array>(target: T, source: T): T {
  target.set(source);
  return target;
}
