import { describe, expect, it } from "vitest";
import { compareWithBaseline } from "../../bench/baseline-comparison.js";
import { createBenchReport, type BenchReport } from "../../bench/bench-report.js";
import type { BenchResult } from "../../bench/bench-result.js";
import { formatBenchTable } from "../../bench/format-bench-table.js";

const here = { cpu: "AMD EPYC", cores: 2, node: "20.20.2", platform: "linux" };
const elsewhere = { ...here, cpu: "Intel(R) Xeon(R) Processor" };

function result(name: string, requestsPerSec: number, referenceOpsPerSec?: number, eventsPerRequest = 2): BenchResult {
  return {
    case: name,
    requests: 1e6,
    events: 1e6 * eventsPerRequest,
    wallSeconds: 1e6 / requestsPerSec,
    requestsPerSec,
    eventsPerSec: requestsPerSec * eventsPerRequest,
    peakRssMb: 80,
    heapUsedMb: 12,
    peakInFlight: 40,
    ...(referenceOpsPerSec === undefined ? {} : { referenceOpsPerSec }),
  };
}

function report(cases: BenchResult[], host = here, generatedAt = "2026-12-08T02:00:00.000Z"): BenchReport {
  return createBenchReport({ cases, scaling: undefined, quick: false, generatedAt, host });
}

describe("compareWithBaseline", () => {
  it("compares by the reference loop where both timed it, whatever the host: a machine half as fast reads x1.00", () => {
    const compared = compareWithBaseline(report([result("mm1-1e6", 1.5e6, 6e6)]), report([result("mm1-1e6", 3e6, 12e6)], elsewhere));
    expect(compared.sameHost).toBe(false);
    expect(compared.cases).toEqual([{ case: "mm1-1e6", by: "reference loop", ratio: 1 }]);
  });

  it("a slower simulator on the same machine reads below 1", () => {
    const compared = compareWithBaseline(report([result("mm1-1e6", 2.7e6, 12e6)]), report([result("mm1-1e6", 3e6, 12e6)]));
    expect(compared.cases[0].ratio).toBeCloseTo(0.9, 12);
  });

  it("compares bare rates only on the same host, and not at all on another without reference timings", () => {
    const latest = report([result("mm1-1e6", 2.7e6, 12e6), result("new-case", 1e6, 12e6)]);
    expect(compareWithBaseline(latest, report([result("mm1-1e6", 3e6)])).cases).toEqual([
      { case: "mm1-1e6", by: "requests/s", ratio: 0.9 },
      { case: "new-case", by: undefined, ratio: undefined },
    ]);
    expect(compareWithBaseline(latest, report([result("mm1-1e6", 3e6)], elsewhere)).cases[0]).toEqual({ case: "mm1-1e6", by: undefined, ratio: undefined });
  });

  it("names a case whose events per request moved by more than 1% (another workload), and not one within it", () => {
    const latest = report([result("robot-shop-1e6", 3e5, 1e7, 14.6), result("mm1-1e6", 3e6, 1e7, 2.01)]);
    const baseline = report([result("robot-shop-1e6", 6e5, 2e7, 12.7), result("mm1-1e6", 3e6, 1e7, 2)]);
    const [robotShop, mm1] = compareWithBaseline(latest, baseline).cases;
    expect(robotShop.eventsPerRequestRatio).toBeCloseTo(14.6 / 12.7, 12);
    expect(mm1.eventsPerRequestRatio).toBeUndefined();
  });
});

describe("the bench table against a baseline", () => {
  it("shows each case's ratio and says what it was measured by, against which run", () => {
    const table = formatBenchTable(report([result("mm1-1e6", 1.5e6, 6e6), result("robot-shop-1e6", 3e5, 6e6, 14.6)]), report([result("mm1-1e6", 3e6, 12e6), result("robot-shop-1e6", 6e5, 12e6, 12.7)], elsewhere, "2026-11-23T18:21:47.820Z"));
    expect(table).toMatch(/^case .* vs baseline\nmm1-1e6 .* x1\.00\nrobot-shop-1e6 .* x1\.00\n/);
    expect(table).toContain("vs baseline: against the baseline of 2026-11-23 (Intel(R) Xeon(R) Processor, 2 cores, Node 20.20.2)\n");
    expect(table).toContain("  requests/s per reference-loop op/s, each timed beside its case (a slower machine moves both): mm1-1e6, robot-shop-1e6\n");
    expect(table).toContain("  robot-shop-1e6 makes 15.0% more events per request than in the baseline: it simulates another workload now, not only at another speed\n");
    expect(table).not.toContain("not compared");
  });

  it("leaves a case it cannot compare as '-' and names it", () => {
    const table = formatBenchTable(report([result("mm1-1e6", 1.5e6, 6e6)]), report([result("mm1-1e6", 3e6)], elsewhere));
    expect(table).toMatch(/\nmm1-1e6 .* -\n/);
    expect(table).toContain("  not compared (no such case, or another host without reference-loop timings): mm1-1e6\n");
  });
});
