/**
 * The table `meshsim validate --measured` prints: each figure of a real measurement beside the
 * prediction for it, the prediction's error, and the target when `--max-error` gives one.
 */

import Table from "cli-table3";
import type { ValidationRow } from "../validation/index.js";

/**
 * Renders the rows with a closing summary line; a row without a finite tolerance shows no target.
 * @example renderMeasuredTable(rows).endsWith("within 20%: 6 of 6")
 */
export function renderMeasuredTable(rows: ValidationRow[]): string {
  const table = new Table({
    head: ["run", "metric", "predicted", "measured", "error", "target", "result"],
    style: { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
    colAligns: ["left", "left", "right", "right", "right", "right", "left"],
  });
  for (const row of rows) {
    const targeted = Number.isFinite(row.tolerancePct);
    table.push([
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
  return `${table.toString()}\n${summary}`;
}
