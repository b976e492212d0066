import { describe, expect, it } from "vitest";
import { createBenchReport } from "../../bench/bench-report.js";
import type { BenchResult, ScalingResult } from "../../bench/bench-result.js";
import { formatBenchTable } from "../../bench/format-bench-table.js";
import type { SimpySideBySide } from "../../bench/simpy-side-by-side.js";

const mm1: BenchResult = { case: "mm1-1e6", requests: 1e6, events: 2e6, wallSeconds: 0.3, requestsPerSec: 3.3e6, eventsPerSec: 6.6e6, peakRssMb: 80, heapUsedMb: 12, peakInFlight: 40 };

function tableWith(simpySideBySide: SimpySideBySide | undefined, meshedScaling?: ScalingResult): string {
  const host = { cpu: "test", cores: 2, node: "20", platform: "linux" };
  return formatBenchTable(createBenchReport({ cases: [mm1], scaling: undefined, meshedScaling, simpySideBySide, quick: false, generatedAt: "2026-01-01T00:00:00.000Z", host }));
}

describe("formatBenchTable", () => {
  it("prints SimPy's M/M/1 measured beside meshsim's, with both rates and the ratio", () => {
    const beside: SimpySideBySide = { simpy: "2.3.1", python: "/usr/bin/python3", requests: 1e6, rounds: 3, meshsimRequestsPerSec: 3.2e6, simpyRequestsPerSec: 1.6e5, ratio: 20 };
    expect(tableWith(beside)).toContain("beside SimPy (measured here, in turn, median of 3 rounds of 1e+6 requests): meshsim 3.20 M, SimPy 2.3.1 0.16 M M/M/1 requests/s: x20.0");
  });

  it("says why the side-by-side is missing, and prints nothing of it when it did not run", () => {
    expect(tableWith({ skipped: "no Python with SimPy found" })).toContain("beside SimPy: skipped, no Python with SimPy found");
    expect(tableWith(undefined)).not.toContain("beside SimPy");
  });

  it("prints the meshed scaling case and judges it against its own target (x1.90)", () => {
    const scaling: ScalingResult = {
      case: "scaling-robot-shop-istio",
      requests: 4e5,
      replications: 4,
      rounds: 3,
      wallSecondsByWorkers: { 1: 6, 2: 3.3 },
      roundWallSecondsByWorkers: { 1: [6, 6, 6], 2: [3.3, 3.3, 3.3] },
      speedup: 1.82,
    };
    const table = tableWith(undefined, scaling);
    expect(table).toContain("scaling (scaling-robot-shop-istio, 4 replications");
    expect(table).toContain("target: x1.90 from 1 to 2 workers under a mesh: NOT met (x1.82 in scaling-robot-shop-istio)");
  });
});
