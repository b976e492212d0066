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

describe("whole commands' times", () => {
  it("prints each command's median, its rounds and its command line", () => {
    const host = { cpu: "test", cores: 2, node: "20", platform: "linux" };
    const commands = {
      case: "commands",
      rounds: 3,
      commands: [{ name: "version", command: "meshsim --version", medianSeconds: 0.3, roundSeconds: [0.31, 0.3, 0.29] }],
    };
    const report = createBenchReport({ cases: [mm1], scaling: undefined, commands, quick: false, generatedAt: "2026-01-01T00:00:00.000Z", host });
    expect(report.commands).toEqual(commands);
    expect(formatBenchTable(report)).toContain("command version (meshsim --version): 0.30 s, median of 3 (0.31, 0.30, 0.29)");
    expect(tableWith(undefined)).not.toContain("command ");
  });
});

describe("the speed issue's per-case targets", () => {
  const host = { cpu: "test", cores: 2, node: "20", platform: "linux" };
  const timed = (name: string, requestsPerSec: number, referenceOpsPerSec?: number): BenchResult => ({
    ...mm1,
    case: name,
    requests: Number(name.slice(name.lastIndexOf("-1e") + 1)),
    requestsPerSec,
    ...(referenceOpsPerSec === undefined ? {} : { referenceOpsPerSec }),
  });
  const tableOf = (cases: BenchResult[]): string => formatBenchTable(createBenchReport({ cases, scaling: undefined, quick: false, generatedAt: "2026-01-01T00:00:00.000Z", host }));

  it("judges robot-shop under Istio on its largest case, with and without machines", () => {
    const table = tableOf([
      timed("mm1-1e6", 3e6),
      timed("robot-shop-istio-1e6", 61_000),
      timed("robot-shop-istio-no-machines-1e6", 90_000),
      timed("robot-shop-istio-no-machines-1e7", 205_000),
    ]);
    expect(table).toContain("target: robot-shop under Istio without machines, 0.20 M requests/s on one core: met (0.20 M in robot-shop-istio-no-machines-1e7)");
    expect(table).toContain("target: robot-shop under Istio with machines, 0.16 M requests/s on one core: NOT met (0.06 M in robot-shop-istio-1e6)");
  });

  it("judges M/M/1 against the reference loop timed around it, and leaves out what did not run", () => {
    const table = tableOf([timed("mm1-1e6", 3e6, 12e6), timed("mm1-1e8", 3.5e6, 14e6)]);
    expect(table).toContain("target: M/M/1 through runReplication, 0.45 of the reference loop: NOT met (0.250 in mm1-1e8)");
    expect(table).not.toContain("robot-shop under Istio");
    expect(tableOf([timed("mm1-1e8", 3.5e6)])).not.toContain("of the reference loop");
  });
});
