import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventQueue } from "../../src/engine/index.js";

function drain(queue: EventQueue): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  while (queue.pop()) out.push([queue.poppedTime, queue.poppedKind, queue.poppedArg]);
  return out;
}

describe("EventQueue", () => {
  it("pop() returns events in time order", () => {
    const queue = new EventQueue();
    [5, 1, 3, 2, 4].forEach((time, i) => queue.push(time, 0, 0, i));
    expect(drain(queue).map(([time]) => time)).toEqual([1, 2, 3, 4, 5]);
  });

  it("pop() breaks time ties by priority, then by insertion order", () => {
    const queue = new EventQueue();
    queue.push(1, 2, 0, 10);
    queue.push(1, 1, 0, 11);
    queue.push(1, 1, 0, 12);
    queue.push(1, 0, 0, 13);
    queue.push(1, 2, 0, 14);
    expect(drain(queue).map(([, , arg]) => arg)).toEqual([13, 11, 12, 10, 14]);
  });

  it("pop() on an empty queue returns false and peekTime() is Infinity", () => {
    const queue = new EventQueue();
    expect(queue.pop()).toBe(false);
    expect(queue.peekTime()).toBe(Infinity);
  });

  it("grows past its initial capacity without losing events", () => {
    const queue = new EventQueue();
    for (let i = 0; i < 10_000; i++) queue.push(10_000 - i, 0, 1, i);
    expect(queue.size).toBe(10_000);
    const out = drain(queue);
    expect(out).toHaveLength(10_000);
    expect(out[0]).toEqual([1, 1, 9_999]);
  });

  it("counts an event pushed before all others (held in front of the heap) in size, peekTime and clear", () => {
    const queue = new EventQueue();
    queue.push(5, 0, 0, 1);
    queue.push(3, 0, 0, 2);
    queue.push(1, 0, 0, 3);
    expect(queue.size).toBe(3);
    expect(queue.peekTime()).toBe(1);
    queue.clear();
    expect(queue.size).toBe(0);
    expect(queue.peekTime()).toBe(Infinity);
    expect(queue.pop()).toBe(false);
  });

  it("keeps an event at Infinity pending behind finite ones", () => {
    const queue = new EventQueue();
    queue.push(Infinity, 0, 0, 1);
    queue.push(2, 0, 0, 2);
    expect(queue.size).toBe(2);
    expect(drain(queue)).toEqual([
      [2, 0, 2],
      [Infinity, 0, 1],
    ]);
  });

  it("push() rejects a priority outside 0..4095", () => {
    const queue = new EventQueue();
    expect(() => queue.push(0, -1, 0, 0)).toThrow("event priority must be an integer from 0 to 4095, got -1");
    expect(() => queue.push(0, 4096, 0, 0)).toThrow(RangeError);
  });

  it("matches a stable sort on (time, priority, insertion) for any interleaving of pushes and pops", () => {
    const operation = fc.oneof(
      fc.record({ push: fc.constant(true), time: fc.integer({ min: 0, max: 20 }), priority: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ push: fc.constant(false) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 300 }), (operations) => {
        const queue = new EventQueue();
        const reference: Array<{ time: number; priority: number; seq: number }> = [];
        let seq = 0;
        for (const op of operations) {
          if (op.push) {
            const { time, priority } = op as { time: number; priority: number };
            queue.push(time, priority, 0, seq);
            reference.push({ time, priority, seq: seq++ });
            expect(queue.size).toBe(reference.length);
            expect(queue.peekTime()).toBe(Math.min(...reference.map((event) => event.time)));
          } else {
            reference.sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq);
            const expected = reference.shift();
            expect(queue.pop()).toBe(expected !== undefined);
            if (expected) expect(queue.poppedArg).toBe(expected.seq);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
