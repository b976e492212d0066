import { describe, expect, it } from "vitest";
import { IndexedHeap } from "../../src/engine/index.js";

/** Pops every entry in heap order. */
function drain(heap: IndexedHeap): number[] {
  const order: number[] = [];
  while (heap.size > 0) {
    order.push(heap.top);
    heap.remove(heap.top);
  }
  return order;
}

describe("IndexedHeap", () => {
  it("push() orders entries by key, equal keys by insertion", () => {
    const heap = new IndexedHeap();
    [[4, 3], [1, 1], [7, 3], [2, 0.5], [9, 1]].forEach(([entry, key]) => heap.push(entry, key));
    expect(heap.topKey).toBe(0.5);
    expect(drain(heap)).toEqual([2, 1, 9, 4, 7]);
    expect(heap.top).toBe(-1);
    expect(heap.topKey).toBe(Infinity);
  });

  it("remove() takes any entry out, and ignores one that is not in", () => {
    const heap = new IndexedHeap();
    for (let entry = 0; entry < 10; entry++) heap.push(entry, 10 - entry);
    heap.remove(3);
    heap.remove(0);
    heap.remove(42);
    expect(heap.contains(3)).toBe(false);
    expect(drain(heap)).toEqual([9, 8, 7, 6, 5, 4, 2, 1]);
  });

  it("set() re-keys an entry in either direction, ranks it newest among equal keys, and adds one that is not in", () => {
    const heap = new IndexedHeap();
    for (let entry = 0; entry < 6; entry++) heap.push(entry, entry);
    heap.set(5, 0.5);
    heap.set(0, 3);
    heap.set(20, 2);
    expect(heap.keyOf(0)).toBe(3);
    expect(drain(heap)).toEqual([5, 1, 2, 20, 3, 0, 4]);
  });

  it("keeps order through many random pushes, re-keys and removals (checked against a sort)", () => {
    const heap = new IndexedHeap();
    const keys = new Map<number, number>();
    let state = 12345;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const entry = Math.floor(next() * 300);
      const roll = next();
      if (roll < 0.2) {
        heap.remove(entry);
        keys.delete(entry);
      } else {
        const key = Math.floor(next() * 1e6);
        heap.set(entry, key);
        keys.set(entry, key);
      }
      // topKey is kept after every change, not worked out when asked.
      expect(heap.topKey).toBe(keys.size === 0 ? Infinity : Math.min(...keys.values()));
    }
    const popped: number[] = [];
    while (heap.size > 0) {
      popped.push(heap.topKey);
      heap.remove(heap.top);
    }
    expect(heap.topKey).toBe(Infinity);
    expect(popped).toEqual([...keys.values()].sort((a, b) => a - b));
  });
});
