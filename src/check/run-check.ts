/**
 * The whole check of one results document: its thresholds, then its regressions against a
 * baseline, as rows with a verdict. Pure: reading files, running scenarios and writing outputs
 * belong to the command.
 */

import { summarizeRows, type CheckRow, type CheckSummary } from "./check-row.js";
import { baselineNotes, compareWithBaseline } from "./compare-baseline.js";
import { evaluateThresholds } from "./evaluate-thresholds.js";
import type { ResultsInput } from "./read-results.js";
import { relativeRateNotes, type RegressionLimit } from "./regression-limit.js";
import type { Threshold } from "./threshold.js";

export interface CheckInput {
  results: ResultsInput;
  /** How the results are named in messages (their file, or the scenario run). */
  resultsSource: string;
  thresholds: Threshold[];
  baseline?: { document: ResultsInput; source: string };
  limits: RegressionLimit[];
  /** The limits are the defaults (skip what they cannot apply to). */
  defaultLimits?: boolean;
  /** Baseline runs absent from the results are reported but do not fail the check. */
  allowMissing: boolean;
}

export interface CheckOutcome {
  rows: CheckRow[];
  notes: string[];
  summary: CheckSummary;
}

/**
 * Evaluates every threshold and regression limit.
 * @throws ScenarioError when an expression selects nothing or needs a figure the results lack
 * @example runCheck({ results, resultsSource: "results.json", thresholds, limits: [], allowMissing: false }).summary.failing
 */
export function runCheck(input: CheckInput): CheckOutcome {
  const rows: CheckRow[] = evaluateThresholds(input.results.runs, input.thresholds, input.resultsSource);
  const notes: string[] = [];
  if (input.baseline) {
    rows.push(
      ...compareWithBaseline(input.results.runs, input.baseline.document.runs, input.limits, {
        currentSource: input.resultsSource,
        baselineSource: input.baseline.source,
        defaults: input.defaultLimits,
      }),
    );
    notes.push(...baselineNotes(input.results, input.baseline.document), ...relativeRateNotes(input.limits));
  }
  return { rows, notes, summary: summarizeRows(rows, { allowMissing: input.allowMissing }) };
}
