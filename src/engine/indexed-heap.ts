/**
 * A binary min-heap of integer entries keyed by (key, insertion order), with each entry's
 * position kept so any entry can be removed or re-keyed in O(log n). Typed arrays, nothing
 * allocated per operation once grown. The simulation keys its timers by time with it; a node's
 * CPU keys its jobs and quota markers by virtual time.
 */

const INITIAL_CAPACITY = 64;

/**
 * @example const heap = new IndexedHeap(); heap.push(3, 1.5); heap.top // 3
 */
export class IndexedHeap {
  /** Heap order: entry ids. */
  #heap = new Int32Array(INITIAL_CAPACITY);
  /** Per entry: its key, its insertion stamp (ties go to the earlier), its heap position or -1. */
  #key = new Float64Array(INITIAL_CAPACITY);
  #stamp = new Float64Array(INITIAL_CAPACITY);
  #position = new Int32Array(INITIAL_CAPACITY).fill(-1);
  #size = 0;
  #nextStamp = 0;

  get size(): number {
    return this.#size;
  }

  /** The entry with the smallest key (-1 when empty). */
  get top(): number {
    return this.#size > 0 ? this.#heap[0] : -1;
  }

  /** The smallest key (Infinity when empty). */
  get topKey(): number {
    return this.#size > 0 ? this.#key[this.#heap[0]] : Infinity;
  }

  keyOf(entry: number): number {
    return this.#key[entry];
  }

  contains(entry: number): boolean {
    return entry < this.#position.length && this.#position[entry] >= 0;
  }

  /** Adds `entry` (not in the heap) with `key`. O(log n). */
  push(entry: number, key: number): void {
    this.#ensure(entry);
    this.#key[entry] = key;
    this.#stamp[entry] = this.#nextStamp++;
    const index = this.#size++;
    this.#heap[index] = entry;
    this.#position[entry] = index;
    this.#up(index);
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
    const old = this.#key[entry];
    this.#key[entry] = key;
    this.#stamp[entry] = this.#nextStamp++;
    const index = this.#position[entry];
    if (key < old) this.#up(index);
    else this.#down(index);
  }

  /** Removes `entry` if it is in the heap. O(log n). */
  remove(entry: number): void {
    if (!this.contains(entry)) return;
    const index = this.#position[entry];
    const last = this.#heap[--this.#size];
    this.#position[entry] = -1;
    if (index === this.#size) return;
    this.#heap[index] = last;
    this.#position[last] = index;
    this.#down(index);
    this.#up(this.#position[last]);
  }

  // --- internal ---

  #less(a: number, b: number): boolean {
    const keyA = this.#key[a];
    const keyB = this.#key[b];
    return keyA < keyB || (keyA === keyB && this.#stamp[a] < this.#stamp[b]);
  }

  #up(index: number): void {
    const heap = this.#heap;
    const entry = heap[index];
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.#less(entry, heap[parent])) break;
      heap[index] = heap[parent];
      this.#position[heap[index]] = index;
      index = parent;
    }
    heap[index] = entry;
    this.#position[entry] = index;
  }

  #down(index: number): void {
    const heap = this.#heap;
    const entry = heap[index];
    const size = this.#size;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && this.#less(heap[right], heap[left]) ? right : left;
      if (!this.#less(heap[child], entry)) break;
      heap[index] = heap[child];
      this.#position[heap[index]] = index;
      index = child;
    }
    heap[index] = entry;
    this.#position[entry] = index;
  }

  #ensure(entry: number): void {
    if (entry >= this.#position.length) {
      let capacity = this.#position.length;
      while (capacity <= entry) capacity *= 2;
      const position = new Int32Array(capacity).fill(-1);
      position.set(this.#position);
      this.#position = position;
      const key = new Float64Array(capacity);
      key.set(this.#key);
      this.#key = key;
      const stamp = new Float64Array(capacity);
      stamp.set(this.#stamp);
      this.#stamp = stamp;
    }
    if (this.#size === this.#heap.length) {
      const heap = new Int32Array(this.#heap.length * 2);
      heap.set(this.#heap);
      this.#heap = heap;
    }
  }
}
