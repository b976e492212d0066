/**
 * The table `meshsim validate` prints: each check's predicted and expected figure, the error
 * and whether it is within its tolerance; known misses follow with their reasons.
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
  /** Why the model misses the figure, when that is known: shown as "known miss", not counted as failed. */
  knownMiss?: string;
}

/**
 * Renders validation rows as a plain-text table, the reasons of its known misses, and a closing
 * summary line (", N known misses" only when there are some).
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
      row.pass ? "ok" : row.knownMiss ? "known miss" : "FAIL",
    ]);
  }
  const table = renderFittedTable(COLUMNS, cells, options);
  const passed = rows.filter((row) => row.pass).length;
  const misses = rows.filter((row) => !row.pass && row.knownMiss);
  const reasons = misses.map((row) => `known miss: ${row.group}, ${row.check}: ${row.knownMiss}\n`).join("");
  const missed = misses.length > 0 ? `, ${misses.length} known ${misses.length === 1 ? "miss" : "misses"}` : "";
  return `${table.text}\n${reasons}${passed} passed, ${rows.length - passed - misses.length} failed${missed}`;
}
