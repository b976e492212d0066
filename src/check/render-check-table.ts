/**
 * The console output of `meshsim check`: a diff table (baseline, current, change, limit per
 * check), then the reason for every failure in a sentence, notes, and a closing summary line.
 */

import { renderFittedTable, wrapLines, type TableColumn } from "../report/index.js";
import { metricNamed } from "./check-metric.js";
import { describeSummary, summarizeRows, type CheckRow } from "./check-row.js";
import { formatChange, formatMetricValue } from "./metric-value.js";

export interface RenderOptions {
  allowMissing: boolean;
  /** Lines printed under the table (e.g. the scenario changed since the baseline). */
  notes?: string[];
  /** The terminal's width: long cells wrap, and the notes, to fit. */
  maxWidth?: number;
}

const COLUMNS: TableColumn[] = [
  { head: "result" },
  { head: "check", wrapTo: 8 },
  { head: "run", wrapTo: 8 },
  { head: "metric" },
  { head: "baseline", align: "right", wrapTo: 5 },
  { head: "current", align: "right", wrapTo: 5 },
  { head: "change", align: "right" },
  { head: "limit", wrapTo: 6 },
];

/**
 * Renders the rows as plain text (no colour codes, so CI logs stay readable).
 * @example console.log(renderCheckTable(rows, { allowMissing: false }))
 */
export function renderCheckTable(rows: CheckRow[], options: RenderOptions): string {
  const cells = rows.map((row) => [statusLabel(row, options), row.check, row.subject, row.metric, ...formattedValues(row), row.limit]);
  const table = renderFittedTable(COLUMNS, cells, { maxWidth: options.maxWidth });
  const failures = rows.filter((row) => row.status === "fail");
  const summary = summarizeRows(rows, options);
  const lines = [table.text];
  if (failures.length > 0) lines.push("", "failed:", ...failures.map((row) => `  ${row.subject}: ${row.message} (${row.check})`));
  const missing = [...new Set(rows.filter((row) => row.status === "missing").map((row) => row.subject))];
  if (missing.length > 0) {
    const verdict = options.allowMissing ? "allowed by --allow-missing" : "fails the check; update the baseline if the scenario changed on purpose";
    lines.push("", `in the baseline but not in the results (${verdict}):`, ...missing.map((subject) => `  ${subject}`));
  }
  const noise = rows.filter((row) => row.status === "noise");
  if (noise.length > 0) lines.push("", "noise (not failures):", ...noise.map((row) => `  ${row.subject}: ${row.message}`));
  if (options.notes && options.notes.length > 0) lines.push("", "notes:", ...options.notes.map((note) => `  ${note}`));
  lines.push("", `${describeSummary(summary)}: ${summary.failing ? "FAILED" : "passed"}`);
  return [lines[0], ...wrapLines(lines.slice(1), options.maxWidth)].join("\n");
}

/**
 * A row's baseline, current and change, formatted for a table cell.
 * @example formattedValues(row) // ["0.401 ms", "0.423 ms", "+5.49%"]
 */
export function formattedValues(row: CheckRow): [string, string, string] {
  const metric = metricNamed(row.metric)!;
  return [
    row.baseline === undefined ? "" : formatMetricValue(row.baseline, metric, row.unit),
    row.current === undefined ? "" : formatMetricValue(row.current, metric, row.unit),
    row.kind === "regression" ? formatChange(row.change) : "",
  ];
}

/**
 * The one-word result of a row: upper case for what fails the check.
 * @example statusLabel({ status: "fail" } as CheckRow, { allowMissing: false }) // "FAIL"
 */
export function statusLabel(row: Pick<CheckRow, "status">, options: { allowMissing: boolean }): string {
  switch (row.status) {
    case "pass":
      return "ok";
    case "fail":
      return "FAIL";
    case "missing":
      return options.allowMissing ? "missing" : "MISSING";
    default:
      return row.status;
  }
}
