/**
 * The table `meshsim validate` prints: each check's predicted and expected figure, the error
 * and whether it is within its tolerance; known misses follow with their reasons.
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
  /** Why the model misses the figure, when that is known: shown as "known miss", not counted as failed. */
  knownMiss?: string;
}

/**
 * Renders validation rows as a plain-text table, the reasons of its known misses, and a closing
 * summary line (", N known misses" only when there are some).
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
      row.pass ? "ok" : row.knownMiss ? "known miss" : "FAIL",
    ]);
  }
  const passed = rows.filter((row) => row.pass).length;
  const misses = rows.filter((row) => !row.pass && row.knownMiss);
  const reasons = misses.map((row) => `known miss: ${row.group}, ${row.check}: ${row.knownMiss}\n`).join("");
  const missed = misses.length > 0 ? `, ${misses.length} known ${misses.length === 1 ? "miss" : "misses"}` : "";
  return `${table.toString()}\n${reasons}${passed} passed, ${rows.length - passed - misses.length} failed${missed}`;
}
