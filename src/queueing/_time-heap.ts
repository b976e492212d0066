/**
 * A binary min-heap of times (numbers) in a growable typed array: the moments a NodeCpu has
 * an event pending for, so it schedules a new one only when none is due soon enough.
 */

export class TimeHeap {
  #times = new Float64Array(16);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** The earliest time (Infinity when empty). */
  get min(): number {
    return this.#size > 0 ? this.#times[0] : Infinity;
  }

  push(time: number): void {
    if (this.#size === this.#times.length) {
      const bigger = new Float64Array(this.#times.length * 2);
      bigger.set(this.#times);
      this.#times = bigger;
    }
    const times = this.#times;
    let index = this.#size++;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (times[parent] <= time) break;
      times[index] = times[parent];
      index = parent;
    }
    times[index] = time;
  }

  /** Removes the earliest time. */
  pop(): void {
    const times = this.#times;
    const last = times[--this.#size];
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= this.#size) break;
      const right = left + 1;
      const child = right < this.#size && times[right] < times[left] ? right : left;
      if (times[child] >= last) break;
      times[index] = times[child];
      index = child;
    }
    times[index] = last;
  }
}
