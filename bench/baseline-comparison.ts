/**
 * How each case of a bench run compares with the committed baseline's case of the same name. A
 * rate alone compares only on one host, and this machine's speed moves by 20-30% from one hour to
 * the next, so where both runs timed the reference loop beside the case (reference-loop.ts), the
 * comparison is of requests/s per reference-loop op/s, as the speed gate's: a slower machine moves
 * both alike. A baseline on another host without those timings is not compared at all. A case
 * that now makes a different number of events per request simulates another workload (a scenario
 * that gained machines, a model that gained a step), which the comparison names beside its ratio.
 */

import type { BenchResult } from "./bench-result.js";
import type { BenchReport } from "./bench-report.js";

/** Events per request may move this much (relative) before a case counts as another workload. */
const SAME_WORKLOAD_TOLERANCE = 0.01;

/** What a case's "vs baseline" is measured by. */
export type ComparedBy = "reference loop" | "requests/s";

/** One case against the baseline's same-named case. */
export interface CaseComparison {
  case: string;
  /** How it was compared; undefined when it could not be (no such case, or another host without reference timings). */
  by: ComparedBy | undefined;
  /** This run's measure over the baseline's (above 1: faster); undefined when not compared. */
  ratio: number | undefined;
  /** Events per request now over the baseline's, when it moved by more than 1%. */
  eventsPerRequestRatio?: number;
}

/** Every case against the baseline. */
export interface BaselineComparison {
  /** Whether the baseline ran on this host (CPU, cores and Node). */
  sameHost: boolean;
  cases: CaseComparison[];
}

/**
 * Compares each case of `report` with `baseline`'s same-named case: by the reference loop where
 * both timed it, by requests/s where the baseline ran on the same host, not at all otherwise.
 * @example compareWithBaseline(latest, committed).cases[0].ratio // 0.98
 */
export function compareWithBaseline(report: BenchReport, baseline: BenchReport): BaselineComparison {
  const sameHost = report.host.cpu === baseline.host.cpu && report.host.cores === baseline.host.cores && report.host.node === baseline.host.node;
  const cases = report.cases.map((result): CaseComparison => {
    const before = baseline.cases.find((other) => other.case === result.case);
    if (before === undefined) return { case: result.case, by: undefined, ratio: undefined };
    const by = measureOf(result, before, sameHost);
    const eventsRatio = result.events / result.requests / (before.events / before.requests);
    return {
      case: result.case,
      by,
      ratio: by === undefined ? undefined : speedOf(result, by) / speedOf(before, by),
      ...(Math.abs(eventsRatio - 1) > SAME_WORKLOAD_TOLERANCE ? { eventsPerRequestRatio: eventsRatio } : {}),
    };
  });
  return { sameHost, cases };
}

// --- internal ---

function measureOf(result: BenchResult, before: BenchResult, sameHost: boolean): ComparedBy | undefined {
  if (result.referenceOpsPerSec !== undefined && before.referenceOpsPerSec !== undefined) return "reference loop";
  return sameHost ? "requests/s" : undefined;
}

function speedOf(result: BenchResult, by: ComparedBy): number {
  return by === "reference loop" ? result.requestsPerSec / result.referenceOpsPerSec! : result.requestsPerSec;
}
