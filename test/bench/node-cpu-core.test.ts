import { describe, expect, it } from "vitest";
import { runCoreNodeCpu } from "../../bench/node-cpu-core.js";

describe("runCoreNodeCpu", () => {
  it("runs every job, asks the CPU it says (0.25 ms and half of 0.1 ms a job) and stretches jobs by sharing the cores", () => {
    const jobs = 2e5;
    const run = runCoreNodeCpu(jobs, 1);
    expect(run.completed).toBe(jobs);
    // 0.3 ms a job on average; 2e5 jobs put the mean within 1%.
    expect(run.demandMs / jobs).toBeGreaterThan(0.297);
    expect(run.demandMs / jobs).toBeLessThan(0.303);
    // 1.5 of 2 cores busy: jobs wait for cores, so a job takes longer than its CPU (an M/M/2 at
    // the same load would average 0.69 ms).
    expect(run.sojournMs / jobs).toBeGreaterThan(0.4);
    expect(run.sojournMs / jobs).toBeLessThan(1);
  });

  it("gives the same run for the same seed and another for another", () => {
    const first = runCoreNodeCpu(1e4, 7);
    expect(runCoreNodeCpu(1e4, 7)).toEqual(first);
    expect(runCoreNodeCpu(1e4, 8).sojournMs).not.toBe(first.sojournMs);
  });
});
