/**
 * Compares a results document with a baseline one: runs are matched by mesh, load (rps, or a
 * closed loop's users), a sweep's `--set` values and request type, and each regression limit becomes one row per matched pair. A regression that
 * stays inside the 95% confidence interval across replications is reported as noise; runs
 * present on one side only are reported as missing (baseline only) or new (results only).
 */

import type { RunSummary } from "../runner/index.js";
import { ScenarioError } from "../scenario/index.js";
import { confidenceOf, describeSubject, noLatencyReason, readMetric, unitOf, type CheckSubject } from "./check-metric.js";
import type { CheckRow } from "./check-row.js";
import { describeRuns, hintFor } from "./evaluate-thresholds.js";
import { formatChange, formatMetricValue } from "./metric-value.js";
import { describeLimit, exceedsLimit, type RegressionLimit } from "./regression-limit.js";
import type { ResultsInput } from "./read-results.js";
import { samePoint, selectSubjects } from "./run-selector.js";

export interface CompareOptions {
  /** How the results and the baseline are named in messages (their files). */
  currentSource: string;
  baselineSource: string;
  /** The limits are the defaults, not the user's: skip what they cannot apply to instead of failing. */
  defaults?: boolean;
  flag?: string;
}

/**
 * Rows for every limit: matched pairs first, in the results' order, then baseline runs the
 * results lack.
 * @throws ScenarioError naming the flag and entry when a limit selects no run on either side,
 *   or asks for cost where a document has no prices (unless the limits are the defaults)
 * @example compareWithBaseline(current.runs, baseline.runs, parseRegressionLimits("p99=5%"), sources)
 */
export function compareWithBaseline(current: RunSummary[], baseline: RunSummary[], limits: RegressionLimit[], options: CompareOptions): CheckRow[] {
  const flag = options.flag ?? "--max-regression";
  const rows: CheckRow[] = [];
  for (const limit of limits) {
    const where = `${flag} ${JSON.stringify(limit.text)}`;
    const currentSubjects = selectSubjects(current, limit.selector);
    const baselineSubjects = selectSubjects(baseline, limit.selector);
    if (currentSubjects.length === 0 && baselineSubjects.length === 0) {
      if (options.defaults) continue;
      const hint = hintFor(limit.selector, [...current, ...baseline]);
      throw new ScenarioError("", where, `matches no run in ${options.currentSource} nor in ${options.baselineSource}${hint} (${describeRuns(current)})`);
    }
    const lacksFigure = [...currentSubjects, ...baselineSubjects].some((subject) => readMetric(limit.metric.name, subject) === undefined);
    if (lacksFigure) {
      if (options.defaults) continue;
      throw new ScenarioError("", where, `needs a monthly cost in ${options.currentSource} and ${options.baselineSource}: give the scenario prices (pricing) to compare cost`);
    }
    const unmatched = new Set(baselineSubjects);
    for (const subject of currentSubjects) {
      const partner = baselineSubjects.find((candidate) => sameSubject(candidate, subject));
      if (partner === undefined) {
        rows.push(newRow(limit, subject, options.baselineSource));
        continue;
      }
      unmatched.delete(partner);
      rows.push(compareSubjects(limit, subject, partner));
    }
    for (const subject of unmatched) rows.push(missingRow(limit, subject, options.currentSource));
  }
  return rows;
}

/**
 * Differences between the two documents worth a note under the table: another scenario file,
 * seed, duration or number of replications explain changes that are not the mesh's.
 * @example baselineNotes(current, baseline) // ["the scenario differs from the baseline's (sha256 1a2b… vs 3c4d…)"]
 */
export function baselineNotes(current: ResultsInput, baseline: ResultsInput): string[] {
  const notes: string[] = [];
  if (current.scenario.name !== baseline.scenario.name) {
    notes.push(`the results are of scenario ${current.scenario.name}, the baseline of ${baseline.scenario.name}`);
  } else if (current.scenario.sha256 !== baseline.scenario.sha256) {
    notes.push(`the scenario file changed since the baseline (sha256 ${current.scenario.sha256.slice(0, 12)} vs ${baseline.scenario.sha256.slice(0, 12)})`);
  }
  if (current.seed !== baseline.seed) notes.push(`the seed differs from the baseline's (${current.seed} vs ${baseline.seed}): differences include sampling noise`);
  const shape = (runs: RunSummary[]) => [...new Set(runs.map((run) => `${run.durationS} s x ${run.replications}`))].join(", ");
  if (shape(current.runs) !== shape(baseline.runs)) {
    notes.push(`run length differs from the baseline's (${shape(current.runs)} vs ${shape(baseline.runs)} replications)`);
  }
  return notes;
}

// --- internal ---

function sameSubject(a: CheckSubject, b: CheckSubject): boolean {
  return samePoint(a.run, b.run) && a.requestType === b.requestType;
}

function compareSubjects(limit: RegressionLimit, current: CheckSubject, baseline: CheckSubject): CheckRow {
  const metric = limit.metric;
  const currentValue = readMetric(metric.name, current)!;
  const baselineValue = readMetric(metric.name, baseline)!;
  const change = baselineValue !== 0 ? (currentValue - baselineValue) / Math.abs(baselineValue) : currentValue === baselineValue ? 0 : Infinity;
  const unit = unitOf(metric, current);
  const shown = (value: number) => formatMetricValue(value, metric, unit);
  const limitText = describeLimit(limit);
  const base = {
    kind: "regression" as const,
    check: limit.text,
    subject: describeSubject(current),
    metric: metric.name,
    unit,
    baseline: baselineValue,
    current: currentValue,
    change,
    limit: limitText,
  };
  const moved = `${metric.name} ${shown(baselineValue)} -> ${shown(currentValue)} (${formatChange(change)})`;
  // A latency is NaN (null in the file) when the run completed no request: losing every request
  // is the worst regression, and gaining them back is none.
  if (Number.isNaN(currentValue) || Number.isNaN(baselineValue)) {
    if (Number.isNaN(baselineValue)) return { ...base, status: "pass", message: `${metric.name} ${shown(baselineValue)} -> ${shown(currentValue)}: the baseline completed no request` };
    return { ...base, status: "fail", message: `${metric.name} ${shown(baselineValue)} -> none: ${noLatencyReason(current)}` };
  }
  if (!exceedsLimit(currentValue, baselineValue, limit)) return { ...base, status: "pass", message: `${moved} within ${limitText}` };
  const interval = noiseInterval(metric.name, currentValue, baselineValue, current, baseline);
  if (interval !== undefined) {
    return {
      ...base,
      status: "noise",
      message: `${moved} exceeds ${limitText} but is inside the 95% interval ${interval} across replications: noise, not a regression`,
    };
  }
  return { ...base, status: "fail", message: `${moved} exceeds ${limitText}` };
}

/**
 * The interval that makes a regression noise: the current value inside the baseline's 95%
 * confidence interval, or the baseline value inside the current one's. Undefined when neither
 * holds or the metric has no interval (one replication, or a metric without a CI).
 */
function noiseInterval(metric: CheckRow["metric"], current: number, baseline: number, currentSubject: CheckSubject, baselineSubject: CheckSubject): string | undefined {
  const baselineCi = confidenceOf(metric, baselineSubject);
  if (baselineCi !== null && current >= baselineCi[0] && current <= baselineCi[1]) return `of the baseline [${baselineCi[0]}, ${baselineCi[1]}]`;
  const currentCi = confidenceOf(metric, currentSubject);
  if (currentCi !== null && baseline >= currentCi[0] && baseline <= currentCi[1]) return `of the results [${currentCi[0]}, ${currentCi[1]}]`;
  return undefined;
}

function newRow(limit: RegressionLimit, subject: CheckSubject, baselineSource: string): CheckRow {
  const value = readMetric(limit.metric.name, subject);
  return {
    kind: "regression",
    check: limit.text,
    subject: describeSubject(subject),
    metric: limit.metric.name,
    unit: unitOf(limit.metric, subject),
    current: value,
    limit: describeLimit(limit),
    status: "new",
    message: `no run in ${baselineSource} with this mesh, load and request type: nothing to compare`,
  };
}

function missingRow(limit: RegressionLimit, subject: CheckSubject, currentSource: string): CheckRow {
  return {
    kind: "regression",
    check: limit.text,
    subject: describeSubject(subject),
    metric: limit.metric.name,
    unit: unitOf(limit.metric, subject),
    baseline: readMetric(limit.metric.name, subject),
    limit: describeLimit(limit),
    status: "missing",
    message: `the baseline has this run but ${currentSource} does not: update the baseline if the scenario changed on purpose`,
  };
}
