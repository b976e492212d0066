/**
 * One line of a check's outcome (a threshold or a regression limit applied to one run or
 * request type), and what a list of them adds up to: the rows every output format prints.
 */

import type { MetricName } from "./check-metric.js";

/**
 * - `pass`: within the threshold or the limit.
 * - `fail`: breached; fails the check.
 * - `noise`: worse than the limit, but inside the 95% confidence interval across replications.
 * - `missing`: a baseline run with no run to compare in the results; fails unless allowed.
 * - `new`: a run with no baseline to compare with; reported only.
 */
export type CheckStatus = "pass" | "fail" | "noise" | "missing" | "new";

export interface CheckRow {
  kind: "threshold" | "regression";
  /** The expression as the user wrote it, e.g. `istio:p99<20ms` or `p99=5%`. */
  check: string;
  /** The run (and request type), e.g. `istio @ 1000 rps / checkout`. */
  subject: string;
  metric: MetricName;
  /** Unit of `baseline` and `current` (latency ms; money: the currency). */
  unit: string;
  baseline?: number;
  current?: number;
  /** (current - baseline) / baseline, when both are known. */
  change?: number;
  /** The bound as printed, e.g. `< 50ms` or `+5%`. */
  limit: string;
  status: CheckStatus;
  /** One readable sentence: why it passed or failed. */
  message: string;
}

export interface CheckSummary {
  total: number;
  passed: number;
  failed: number;
  noise: number;
  missing: number;
  new: number;
  /** Whether the check as a whole fails (exit code 3). */
  failing: boolean;
}

/**
 * Counts the rows; missing baseline runs fail the check unless `allowMissing`.
 * @example summarizeRows(rows, { allowMissing: false }).failing
 */
export function summarizeRows(rows: CheckRow[], options: { allowMissing: boolean }): CheckSummary {
  const count = (status: CheckStatus) => rows.filter((row) => row.status === status).length;
  const summary = {
    total: rows.length,
    passed: count("pass"),
    failed: count("fail"),
    noise: count("noise"),
    missing: count("missing"),
    new: count("new"),
  };
  return { ...summary, failing: summary.failed > 0 || (!options.allowMissing && summary.missing > 0) };
}

/**
 * Whether a row counts against the check.
 * @example isFailure({ status: "missing" } as CheckRow, { allowMissing: true }) // false
 */
export function isFailure(row: Pick<CheckRow, "status">, options: { allowMissing: boolean }): boolean {
  return row.status === "fail" || (row.status === "missing" && !options.allowMissing);
}

/**
 * The summary as one line.
 * @example describeSummary(summary) // "7 checks: 5 passed, 1 failed, 1 noise"
 */
export function describeSummary(summary: CheckSummary): string {
  const parts = [`${summary.passed} passed`, `${summary.failed} failed`];
  if (summary.noise > 0) parts.push(`${summary.noise} noise`);
  if (summary.missing > 0) parts.push(`${summary.missing} missing`);
  if (summary.new > 0) parts.push(`${summary.new} new`);
  return `${summary.total} check${summary.total === 1 ? "" : "s"}: ${parts.join(", ")}`;
}
