/**
 * The table `meshsim validate` prints: each check's predicted and expected figure, the error
 * and whether it is within its tolerance.
 */

import Table from "cli-table3";

export interface ValidationTableRow {
  group: string;
  check: string;
  metric: string;
  predicted: number;
  expected: number;
  errorPct: number;
  tolerancePct: number;
  pass: boolean;
}

/**
 * Renders validation rows as a plain-text table with a closing summary line.
 * @example renderValidationTable(rows).endsWith("10 passed, 0 failed")
 */
export function renderValidationTable(rows: ValidationTableRow[]): string {
  const table = new Table({
    head: ["group", "check", "metric", "predicted", "expected", "error", "target", "result"],
    style: { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
    colAligns: ["left", "left", "left", "right", "right", "right", "right", "left"],
  });
  for (const row of rows) {
    table.push([
      row.group,
      row.check,
      row.metric,
      String(row.predicted),
      String(row.expected),
      `${row.errorPct >= 0 ? "+" : ""}${row.errorPct.toFixed(2)}%`,
      `±${row.tolerancePct}%`,
      row.pass ? "ok" : "FAIL",
    ]);
  }
  const passed = rows.filter((row) => row.pass).length;
  return `${table.toString()}\n${passed} passed, ${rows.length - passed} failed`;
}
