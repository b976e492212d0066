/**
 * Assembles the case results into the document written to bench/results/*.json: the cases,
 * memory growth from the smallest to the largest size of each scenario, the target checks and
 * the SimPy reference figure.
 */

import type { BenchResult, CommandTimings, PoolOverheadResult, ScalingResult } from "./bench-result.js";
import type { SimpySideBySide } from "./simpy-side-by-side.js";

/** The issue's target: simulated M/M/1 requests per second on one core. */
export const TARGET_MM1_REQUESTS_PER_SEC = 3e6;

/** The issue's target: wall time on 1 worker divided by wall time on 2, on this 2-core machine. */
export const TARGET_SPEEDUP_1_TO_2_WORKERS = 1.8;

/** The speed issue's target for the meshed robot-shop case, as above. */
export const TARGET_MESHED_SPEEDUP_1_TO_2_WORKERS = 1.9;

/**
 * The speed issue's targets for robot-shop under Istio (the `robot-shop-istio*` cases): simulated
 * requests per second on one core, without the scenario's machines and with them.
 */
export const TARGET_ISTIO_REQUESTS_PER_SEC = { withoutMachines: 200e3, withMachines: 160e3 };

/** The speed issue's target for the engine: M/M/1 through runReplication, requests/s per reference-loop op/s. */
export const TARGET_MM1_REFERENCE_RATIO = 0.45;

/** SimPy 3 on this machine, as quoted in the project's issue; this benchmark does not measure it. */
export const SIMPY3_MM1_REQUESTS_PER_SEC = 0.09e6;

export interface MemoryGrowth {
  scenario: string;
  from: string;
  to: string;
  /** Change in peak RSS from the smaller to the larger case, percent of the smaller. */
  peakRssPercent: number;
}

/** One of the speed issue's per-case targets, judged on the largest case of its scenario. */
export interface CaseTarget {
  /** What is asked, e.g. "robot-shop under Istio without machines". */
  what: string;
  unit: "requests/s" | "of the reference loop";
  goal: number;
  measured: number;
  measuredBy: string;
  met: boolean;
}

export interface BenchReport {
  schemaVersion: 1;
  /** ISO time the benchmark finished (bench code may read the wall clock; the model never does). */
  generatedAt: string;
  quick: boolean;
  host: { cpu: string; cores: number; node: string; platform: string };
  target: { mm1RequestsPerSec: number; measuredRequestsPerSec: number; measuredBy: string; met: boolean };
  /** The speedup target, judged on the scaling case; undefined when it did not run. */
  scalingTarget: { speedup: number; measuredSpeedup: number; measuredBy: string; met: boolean } | undefined;
  reference: { simpy3Mm1RequestsPerSec: number; source: string };
  /** SimPy's M/M/1 measured beside meshsim's on this machine, or why it was not. */
  simpySideBySide?: SimpySideBySide;
  cases: BenchResult[];
  memoryGrowth: MemoryGrowth[];
  scaling: ScalingResult | undefined;
  /** The same for robot-shop under Istio, and its target. */
  meshedScaling?: ScalingResult;
  meshedScalingTarget?: { speedup: number; measuredSpeedup: number; measuredBy: string; met: boolean };
  /** The speed issue's targets for the meshed cases and the engine, each where its case ran. */
  caseTargets?: CaseTarget[];
  poolOverhead: PoolOverheadResult | undefined;
  /** Whole `meshsim` commands, start to exit. */
  commands?: CommandTimings;
}

/**
 * Builds the report. The speed target is judged on the largest M/M/1 case (the longest, steadiest
 * run), the speedup target on the scaling case.
 * @throws Error when there is no M/M/1 case
 */
export function createBenchReport(input: {
  cases: BenchResult[];
  scaling: ScalingResult | undefined;
  meshedScaling?: ScalingResult;
  poolOverhead?: PoolOverheadResult;
  commands?: CommandTimings;
  simpySideBySide?: SimpySideBySide;
  quick: boolean;
  generatedAt: string;
  host: BenchReport["host"];
}): BenchReport {
  const mm1 = largestCase(input.cases, "mm1");
  if (mm1 === undefined) throw new Error("the benchmark needs an mm1 case to judge the target");
  return {
    schemaVersion: 1,
    generatedAt: input.generatedAt,
    quick: input.quick,
    host: input.host,
    target: {
      mm1RequestsPerSec: TARGET_MM1_REQUESTS_PER_SEC,
      measuredRequestsPerSec: mm1.requestsPerSec,
      measuredBy: mm1.case,
      met: mm1.requestsPerSec >= TARGET_MM1_REQUESTS_PER_SEC,
    },
    scalingTarget:
      input.scaling === undefined
        ? undefined
        : {
            speedup: TARGET_SPEEDUP_1_TO_2_WORKERS,
            measuredSpeedup: input.scaling.speedup,
            measuredBy: input.scaling.case,
            met: input.scaling.speedup >= TARGET_SPEEDUP_1_TO_2_WORKERS,
          },
    ...(input.simpySideBySide ? { simpySideBySide: input.simpySideBySide } : {}),
    reference: {
      simpy3Mm1RequestsPerSec: SIMPY3_MM1_REQUESTS_PER_SEC,
      source: "quoted in the project's issue for this machine; not measured by this benchmark",
    },
    cases: input.cases,
    memoryGrowth: ["mm1", "robot-shop", "robot-shop-istio-no-machines", "robot-shop-timeline"].flatMap((scenario) => memoryGrowth(input.cases, scenario)),
    scaling: input.scaling,
    ...(input.meshedScaling
      ? {
          meshedScaling: input.meshedScaling,
          meshedScalingTarget: {
            speedup: TARGET_MESHED_SPEEDUP_1_TO_2_WORKERS,
            measuredSpeedup: input.meshedScaling.speedup,
            measuredBy: input.meshedScaling.case,
            met: input.meshedScaling.speedup >= TARGET_MESHED_SPEEDUP_1_TO_2_WORKERS,
          },
        }
      : {}),
    caseTargets: caseTargets(input.cases),
    poolOverhead: input.poolOverhead,
    ...(input.commands ? { commands: input.commands } : {}),
  };
}

// --- internal ---

/** Cases are named `<scenario>-1e<k>`; the scenario is everything before the size. */
function casesOf(cases: BenchResult[], scenario: string): BenchResult[] {
  return cases.filter((result) => result.case.replace(/-1e\d+$/, "") === scenario);
}

function largestCase(cases: BenchResult[], scenario: string): BenchResult | undefined {
  return casesOf(cases, scenario).reduce<BenchResult | undefined>(
    (largest, result) => (largest === undefined || result.requests > largest.requests ? result : largest),
    undefined,
  );
}

function caseTargets(cases: BenchResult[]): CaseTarget[] {
  const targets: CaseTarget[] = [];
  const requestsPerSec = (what: string, scenario: string, goal: number): void => {
    const largest = largestCase(cases, scenario);
    if (largest === undefined) return;
    targets.push({ what, unit: "requests/s", goal, measured: largest.requestsPerSec, measuredBy: largest.case, met: largest.requestsPerSec >= goal });
  };
  requestsPerSec("robot-shop under Istio without machines", "robot-shop-istio-no-machines", TARGET_ISTIO_REQUESTS_PER_SEC.withoutMachines);
  requestsPerSec("robot-shop under Istio with machines", "robot-shop-istio", TARGET_ISTIO_REQUESTS_PER_SEC.withMachines);
  const mm1 = largestCase(cases, "mm1");
  if (mm1?.referenceOpsPerSec !== undefined) {
    const ratio = mm1.requestsPerSec / mm1.referenceOpsPerSec;
    targets.push({ what: "M/M/1 through runReplication", unit: "of the reference loop", goal: TARGET_MM1_REFERENCE_RATIO, measured: ratio, measuredBy: mm1.case, met: ratio >= TARGET_MM1_REFERENCE_RATIO });
  }
  return targets;
}

function memoryGrowth(cases: BenchResult[], scenario: string): MemoryGrowth[] {
  const sized = [...casesOf(cases, scenario)].sort((a, b) => a.requests - b.requests);
  if (sized.length < 2) return [];
  const smallest = sized[0];
  const largest = sized[sized.length - 1];
  const percent = ((largest.peakRssMb - smallest.peakRssMb) / smallest.peakRssMb) * 100;
  return [{ scenario, from: smallest.case, to: largest.case, peakRssPercent: Math.round(percent * 10) / 10 }];
}
