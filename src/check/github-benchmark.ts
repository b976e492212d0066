/**
 * `--github-benchmark file`: the runs as github-action-benchmark's `customSmallerIsBetter`
 * input (a JSON list of { name, unit, value }), so its charts and alerts can track predictions
 * commit by commit. Every figure here is better smaller.
 */

import { describeRun, METRICS, readMetric, unitOf } from "./check-metric.js";
import type { ResultsInput } from "./read-results.js";

export interface GithubBenchmarkEntry {
  name: string;
  unit: string;
  value: number;
  /** The 95% confidence interval's half-width, when the results have one (p50, p99). */
  range?: string;
  extra?: string;
}

/** Figures tracked per run; failedRate is left out (mostly 0, which the action cannot chart as a ratio). */
const TRACKED = METRICS.filter((metric) => metric.name !== "failedRate");

/**
 * One entry per run and tracked figure (cost only where the results have prices).
 * @example JSON.stringify(toGithubBenchmark(document))
 */
export function toGithubBenchmark(document: ResultsInput): GithubBenchmarkEntry[] {
  const entries: GithubBenchmarkEntry[] = [];
  for (const run of document.runs) {
    for (const metric of TRACKED) {
      const value = readMetric(metric.name, { run });
      // A run that completed no request has no latency to chart (a 0 ms mean would look best).
      if (value === undefined || Number.isNaN(value)) continue;
      const entry: GithubBenchmarkEntry = {
        name: `${document.scenario.name}: ${describeRun(run)} ${metric.name}`,
        unit: unitOf(metric, { run }) || metric.name,
        value,
      };
      const interval = metric.name === "p50" || metric.name === "p99" ? run.latencyMs.ci95?.[metric.name] : null;
      if (interval) entry.range = `± ${roundTo((interval[1] - interval[0]) / 2, 4)}`;
      entry.extra = `mesh ${run.mesh}, mTLS ${run.mtls}, ${run.replications} x ${run.durationS} s`;
      entries.push(entry);
    }
  }
  return entries;
}

// --- internal ---

function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
