import { describe, expect, it } from "vitest";
import { JobFifo } from "../../src/queueing/index.js";

describe("JobFifo", () => {
  it("shift() returns jobs in push order with their times, across growth and wrap-around", () => {
    const fifo = new JobFifo();
    const expected: number[] = [];
    let next = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 7; i++) {
        fifo.push(next, next * 0.5);
        expected.push(next++);
      }
      for (let i = 0; i < 3; i++) {
        const job = fifo.shift();
        expect(job).toBe(expected.shift());
        expect(fifo.shiftedTime).toBe(job * 0.5);
      }
    }
    expect(fifo.length).toBe(expected.length);
    while (fifo.length > 0) expect(fifo.shift()).toBe(expected.shift());
    expect(fifo.shift()).toBe(-1);
  });

  it("a new queue is empty (shift() is -1) and two queues never share what they hold, though both start with no room", () => {
    const a = new JobFifo();
    const b = new JobFifo();
    expect(a.shift()).toBe(-1);
    a.push(7, 1.5);
    b.push(9, 2.5);
    expect([a.length, b.length]).toEqual([1, 1]);
    expect(b.shift()).toBe(9);
    expect(b.shiftedTime).toBe(2.5);
    expect(a.shift()).toBe(7);
    expect(a.shiftedTime).toBe(1.5);
  });
});
