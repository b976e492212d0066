/**
 * Renders a BenchReport as plain text: one row per case, then memory growth, worker scaling,
 * the pool's overhead per task, whole commands' times, the target checks and the SimPy reference, with an optional
 * comparison against a baseline.
 */

import { alignColumns } from "./align-columns.js";
import { compareWithBaseline, type BaselineComparison, type ComparedBy } from "./baseline-comparison.js";
import type { BenchReport, CaseTarget } from "./bench-report.js";

/**
 * Formats the report for a terminal. When `baseline` is given, a column shows each case against
 * the baseline's same-named case (baseline-comparison.ts), and lines under the table say by what
 * measure, and which cases now simulate a different number of events per request.
 */
export function formatBenchTable(report: BenchReport, baseline?: BenchReport): string {
  const header = ["case", "requests", "events", "wall s", "requests/s", "events/s", "peak RSS MB", "heap used MB", "peak in flight"];
  const comparison = baseline && compareWithBaseline(report, baseline);
  if (comparison) header.push("vs baseline");
  const rows = report.cases.map((result, index) => {
    const row = [
      result.case,
      formatCount(result.requests),
      formatCount(result.events),
      result.wallSeconds.toFixed(2),
      formatRate(result.requestsPerSec),
      formatRate(result.eventsPerSec),
      result.peakRssMb.toFixed(1),
      result.heapUsedMb.toFixed(1),
      String(result.peakInFlight),
    ];
    if (comparison) row.push(formatRatio(comparison.cases[index].ratio));
    return row;
  });

  const lines = [...alignColumns([header, ...rows]), ""];
  if (comparison && baseline) lines.push(...describeComparison(comparison, baseline), "");
  for (const growth of report.memoryGrowth) {
    const sign = growth.peakRssPercent >= 0 ? "+" : "";
    lines.push(`memory growth ${sizeOf(growth.from)} -> ${sizeOf(growth.to)} (${growth.scenario}, peak RSS): ${sign}${growth.peakRssPercent}%`);
  }
  for (const scaling of [report.scaling, report.meshedScaling]) {
    if (scaling === undefined) continue;
    lines.push(
      `scaling (${scaling.case}, ${scaling.replications} replications, ${formatCount(scaling.requests)} requests, median of ${scaling.rounds}): ` +
        `1 worker ${scaling.wallSecondsByWorkers[1].toFixed(2)} s, 2 workers ${scaling.wallSecondsByWorkers[2].toFixed(2)} s, ` +
        `speedup x${scaling.speedup.toFixed(2)}`,
    );
  }
  if (report.poolOverhead) {
    const overhead = report.poolOverhead;
    lines.push(
      `pool overhead (${overhead.case}, ${overhead.tasks} tasks of ~${Math.round(overhead.requests / overhead.tasks)} requests, median of ${overhead.rounds}): ` +
        `${overhead.overheadMsPerTask.toFixed(2)} ms per task = ` +
        `(2 workers ${overhead.poolWallSeconds.toFixed(3)} s - 1 worker ${overhead.inThreadWallSeconds.toFixed(3)} s / 2) / ${overhead.tasks}`,
      `  for scale: one such task takes ${overhead.inThreadMsPerTask.toFixed(2)} ms in-thread; ` +
        `starting and stopping the pool alone takes ${overhead.poolStartStopMs.toFixed(0)} ms`,
    );
  }
  for (const timed of report.commands?.commands ?? []) {
    const rounds = timed.roundSeconds.map((value) => value.toFixed(2)).join(", ");
    lines.push(`command ${timed.name} (${timed.command}): ${timed.medianSeconds.toFixed(2)} s, median of ${report.commands!.rounds} (${rounds})`);
  }
  const { target, reference } = report;
  lines.push(
    `target: ${formatRate(target.mm1RequestsPerSec)} M/M/1 requests/s on one core: ` +
      `${target.met ? "met" : "NOT met"} (${formatRate(target.measuredRequestsPerSec)} in ${target.measuredBy})`,
  );
  if (report.scalingTarget) {
    const { scalingTarget } = report;
    lines.push(
      `target: x${scalingTarget.speedup.toFixed(2)} from 1 to 2 workers: ` +
        `${scalingTarget.met ? "met" : "NOT met"} (x${scalingTarget.measuredSpeedup.toFixed(2)} in ${scalingTarget.measuredBy})`,
    );
  }
  if (report.meshedScalingTarget) {
    const { meshedScalingTarget } = report;
    lines.push(
      `target: x${meshedScalingTarget.speedup.toFixed(2)} from 1 to 2 workers under a mesh: ` +
        `${meshedScalingTarget.met ? "met" : "NOT met"} (x${meshedScalingTarget.measuredSpeedup.toFixed(2)} in ${meshedScalingTarget.measuredBy})`,
    );
  }
  for (const caseTarget of report.caseTargets ?? []) lines.push(formatCaseTarget(caseTarget));
  lines.push(
    `reference: SimPy 3 does about ${formatRate(reference.simpy3Mm1RequestsPerSec)} M/M/1 requests/s on this machine ` +
      `(quoted in the issue, not measured here); meshsim here is x${Math.round(target.measuredRequestsPerSec / reference.simpy3Mm1RequestsPerSec)} that`,
    `host: ${report.host.cpu}, ${report.host.cores} cores, Node ${report.host.node}${report.quick ? " (--quick: sizes / 100)" : ""}`,
  );
  const beside = report.simpySideBySide;
  if (beside !== undefined) {
    lines.push(
      "skipped" in beside
        ? `beside SimPy: skipped, ${beside.skipped}`
        : `beside SimPy (measured here, in turn, median of ${beside.rounds} rounds of ${beside.requests.toExponential()} requests): ` +
            `meshsim ${formatRate(beside.meshsimRequestsPerSec)}, SimPy ${beside.simpy} ${formatRate(beside.simpyRequestsPerSec)} M/M/1 requests/s: x${beside.ratio.toFixed(1)}`,
    );
  }
  return lines.join("\n");
}

// --- internal ---

/** 1234567 -> "1,234,567". */
function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}

/** "target: robot-shop under Istio without machines, 0.20 M requests/s on one core: NOT met (0.14 M in ...)". */
function formatCaseTarget(target: CaseTarget): string {
  const [goal, measured] =
    target.unit === "requests/s" ? [`${formatRate(target.goal)} requests/s on one core`, formatRate(target.measured)] : [`${target.goal.toFixed(2)} of the reference loop`, target.measured.toFixed(3)];
  return `target: ${target.what}, ${goal}: ${target.met ? "met" : "NOT met"} (${measured} in ${target.measuredBy})`;
}

/** Rates in millions, which is the scale the target is stated in: 3500000 -> "3.50 M". */
function formatRate(perSec: number): string {
  return `${(perSec / 1e6).toFixed(2)} M`;
}

function formatRatio(ratio: number | undefined): string {
  return ratio === undefined ? "-" : `x${ratio.toFixed(2)}`;
}

/** What "vs baseline" compared, against which run, and the cases whose workload moved. */
function describeComparison(comparison: BaselineComparison, baseline: BenchReport): string[] {
  const { host } = baseline;
  const against = `the baseline of ${baseline.generatedAt.slice(0, 10)} (${host.cpu}, ${host.cores} cores, Node ${host.node}${comparison.sameHost ? ", this host" : ""})`;
  const named = (by: ComparedBy | undefined) => comparison.cases.filter((compared) => compared.by === by).map((compared) => compared.case);
  const byReference = named("reference loop");
  const byRate = named("requests/s");
  const notCompared = named(undefined);
  const lines = [`vs baseline: against ${against}`];
  if (byReference.length > 0) lines.push(`  requests/s per reference-loop op/s, each timed beside its case (a slower machine moves both): ${byReference.join(", ")}`);
  if (byRate.length > 0) lines.push(`  requests/s alone (the baseline has no reference-loop timing for them): ${byRate.join(", ")}`);
  if (notCompared.length > 0) lines.push(`  not compared (no such case, or another host without reference-loop timings): ${notCompared.join(", ")}`);
  for (const compared of comparison.cases) {
    const moved = compared.eventsPerRequestRatio;
    if (moved === undefined) continue;
    const percent = Math.abs(moved - 1) * 100;
    lines.push(`  ${compared.case} makes ${percent.toFixed(1)}% ${moved > 1 ? "more" : "fewer"} events per request than in the baseline: it simulates another workload now, not only at another speed`);
  }
  return lines;
}

/** "mm1-1e8" -> "1e8". */
function sizeOf(caseName: string): string {
  return caseName.slice(caseName.lastIndexOf("-") + 1);
}
