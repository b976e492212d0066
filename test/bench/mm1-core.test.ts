import { describe, expect, it } from "vitest";
import { runCoreMm1 } from "../../bench/mm1-core.js";

describe("runCoreMm1", () => {
  it("simulates the benchmark's M/M/1: mean time in system 1 / (mu - lambda) = 5 ms at 800/s and a 1 ms mean", () => {
    const latencies = runCoreMm1(1e6, 1);
    expect(latencies.count).toBe(1e6);
    // At utilisation 0.8 successive sojourns are strongly correlated; 1e6 of them put the mean
    // within a few percent of theory.
    expect(latencies.mean).toBeGreaterThan(4.75);
    expect(latencies.mean).toBeLessThan(5.25);
  });

  it("gives the same latencies for the same seed and others for another", () => {
    const first = runCoreMm1(1e4, 7);
    expect(runCoreMm1(1e4, 7).toJSON()).toEqual(first.toJSON());
    expect(runCoreMm1(1e4, 8).mean).not.toBe(first.mean);
  });
});
