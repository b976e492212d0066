import { describe, expect, it } from "vitest";
import { runReferenceLoop } from "../../bench/reference-loop.js";
import { combineRounds, compareSpeed, formatSpeedTable, type SpeedReport, type SpeedResult } from "../../bench/speed-gate.js";

const result = (name: string, ratio: number): SpeedResult => ({ case: name, requests: 1e6, rounds: 9, requestsPerSec: ratio * 1e7, referenceOpsPerSec: 1e7, ratio });
const baseline: SpeedReport = {
  schemaVersion: 1,
  generatedAt: "2026-01-01T00:00:00.000Z",
  host: { cpu: "test", cores: 2, node: "20", platform: "linux" },
  cases: [result("mm1", 0.3), result("robot-shop", 0.05)],
};

describe("compareSpeed", () => {
  it("passes within the tolerance and fails past it, as a ratio to the reference loop", () => {
    const within = compareSpeed([result("mm1", 0.25), result("robot-shop", 0.05)], baseline, 20);
    expect(within.failing).toBe(false);
    expect(within.rows.map((row) => row.status)).toEqual(["ok", "ok"]);
    const slower = compareSpeed([result("mm1", 0.23), result("robot-shop", 0.05)], baseline, 20);
    expect(slower.failing).toBe(true);
    expect(slower.rows[0]).toMatchObject({ status: "slower", baselineRatio: 0.3 });
    expect(slower.rows[0].change).toBeCloseTo(-0.2333, 4);
  });

  it("reports faster runs and cases without a baseline without failing", () => {
    const comparison = compareSpeed([result("mm1", 0.4), result("new-case", 1)], baseline, 20);
    expect(comparison.rows.map((row) => row.status)).toEqual(["faster", "no baseline"]);
    expect(comparison.failing).toBe(false);
  });

  it("prints a table and a verdict", () => {
    const latest = [result("mm1", 0.2)];
    const text = formatSpeedTable(latest, compareSpeed(latest, baseline, 20), 20);
    expect(text).toMatch(/^case\s+requests\/s\s+reference ops\/s\s+ratio\s+baseline\s+change\s+result\nmm1\s+2.00 M\s+10.00 M\s+0.2000\s+0.3000\s+-33.3%\s+SLOWER/);
    expect(text.endsWith("FAILED: simulation speed fell more than 20% below the baseline (as a ratio to the reference loop)")).toBe(true);
  });
});

describe("combineRounds", () => {
  it("takes the medians over every round of every process, so one odd process moves it by its rounds only", () => {
    const line = (ratios: number[]) => ({ case: "mm1", requests: 1e6, simulationRates: ratios.map((ratio) => ratio * 1e7), referenceRates: ratios.flatMap(() => [1e7, 1e7]), ratios });
    const combined = combineRounds([line([0.25, 0.26, 0.27]), line([0.18, 0.19, 0.2]), line([0.24, 0.28, 0.255])]);
    expect(combined).toEqual({ case: "mm1", requests: 1e6, rounds: 9, requestsPerSec: 2.5e6, referenceOpsPerSec: 1e7, ratio: 0.25 });
    expect(() => combineRounds([line([])])).toThrow(RangeError);
  });
});

describe("runReferenceLoop", () => {
  /**
   * The loop written out another way: the same xorshift32 stream (in unsigned arithmetic), a
   * linear scan for the earliest of the 1024 times instead of a heap. Pops come out in the same
   * order whatever structure keeps them, so the checksum (the last time popped) must be equal
   * to the bit.
   */
  function scanReferenceLoop(operations: number): number {
    const state = new Uint32Array([0x9e3779b9]);
    const uniform = (): number => {
      state[0] ^= state[0] << 13;
      state[0] ^= state[0] >>> 17;
      state[0] ^= state[0] << 5;
      return (state[0] + 0.5) / 2 ** 32;
    };
    const times = Array.from({ length: 1024 }, () => -Math.log(uniform()));
    let now = 0;
    for (let i = 0; i < operations; i++) {
      let earliest = 0;
      for (let j = 1; j < times.length; j++) if (times[j] < times[earliest]) earliest = j;
      now = times[earliest];
      times[earliest] = now - Math.log(uniform());
    }
    return now;
  }

  it.each([1, 1024, 5000])("runReferenceLoop(%i) returns the checksum a linear-scan version of the loop computes", (operations) => {
    expect(runReferenceLoop(operations)).toBe(scanReferenceLoop(operations));
  });

  it("runReferenceLoop(n) returns about n / 1024: the n-th event of 1024 rate-1 Poisson streams, Gamma(n, 1024)", () => {
    // Each of the 1024 slots is a rate-1 Poisson stream, so the pops are a rate-1024 Poisson
    // process and the n-th pop is Gamma(n) / 1024: mean n / 1024, standard deviation sqrt(n) / 1024.
    for (const operations of [20_000, 200_000]) {
      const mean = operations / 1024;
      const standardDeviation = Math.sqrt(operations) / 1024;
      expect(Math.abs(runReferenceLoop(operations) - mean), String(operations)).toBeLessThan(4 * standardDeviation);
    }
  });
});
