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
});
