/**
 * The table `meshsim validate` prints: each check's predicted and expected figure, the error
 * and whether it is within its tolerance.
 */

import { renderFittedTable, type TableColumn } from "./fit-table.js";

/** The table's columns; on a narrow terminal the names wrap. */
const COLUMNS: TableColumn[] = [
  { head: "group", wrapTo: 8 },
  { head: "check", wrapTo: 16 },
  { head: "metric", wrapTo: 12 },
  { head: "predicted", align: "right" },
  { head: "expected", align: "right" },
  { head: "error", align: "right" },
  { head: "target", align: "right" },
  { head: "result" },
];

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
export function renderValidationTable(rows: ValidationTableRow[], options: { maxWidth?: number } = {}): string {
  const cells: string[][] = [];
  for (const row of rows) {
    cells.push([
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
  const table = renderFittedTable(COLUMNS, cells, options);
  const passed = rows.filter((row) => row.pass).length;
  return `${table.text}\n${passed} passed, ${rows.length - passed} failed`;
}
