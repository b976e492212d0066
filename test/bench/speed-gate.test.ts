import { describe, expect, it } from "vitest";
import { runReferenceLoop } from "../../bench/reference-loop.js";
import { compareSpeed, formatSpeedTable, type SpeedReport, type SpeedResult } from "../../bench/speed-gate.js";

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

describe("runReferenceLoop", () => {
  it("does the same work every time (its checksum is fixed)", () => {
    expect(runReferenceLoop(10_000)).toBe(runReferenceLoop(10_000));
    expect(runReferenceLoop(10_000)).toBeGreaterThan(0);
  });
});
