/**
 * The table `meshsim validate --measured` prints: each figure of a real measurement beside the
 * prediction for it, the prediction's error, and the target when `--max-error` gives one.
 */

import { renderFittedTable, type TableColumn } from "../report/index.js";

/** The table's columns; on a narrow terminal the run's name wraps. */
const COLUMNS: TableColumn[] = [
  { head: "run", wrapTo: 8 },
  { head: "metric" },
  { head: "predicted", align: "right" },
  { head: "measured", align: "right" },
  { head: "error", align: "right" },
  { head: "target", align: "right" },
  { head: "result" },
];
import type { ValidationRow } from "../validation/index.js";

/**
 * Renders the rows with a closing summary line; a row without a finite tolerance shows no target.
 * @example renderMeasuredTable(rows).endsWith("within 20%: 6 of 6")
 */
export function renderMeasuredTable(rows: ValidationRow[], options: { maxWidth?: number } = {}): string {
  const cells: string[][] = [];
  for (const row of rows) {
    const targeted = Number.isFinite(row.tolerancePct);
    cells.push([
      row.check,
      row.metric,
      String(row.predicted),
      String(row.expected),
      `${row.errorPct >= 0 ? "+" : ""}${row.errorPct.toFixed(2)}%`,
      targeted ? `±${row.tolerancePct}%` : "-",
      targeted ? (row.pass ? "ok" : "FAIL") : "",
    ]);
  }
  const targeted = rows.filter((row) => Number.isFinite(row.tolerancePct));
  const worst = rows.reduce((largest, row) => Math.max(largest, Math.abs(row.errorPct)), 0);
  const summary =
    targeted.length > 0
      ? `within ±${targeted[0].tolerancePct}%: ${targeted.filter((row) => row.pass).length} of ${targeted.length}`
      : `largest error ${worst.toFixed(2)}% (no target: give --max-error to gate on it)`;
  return `${renderFittedTable(COLUMNS, cells, options).text}\n${summary}`;
}
