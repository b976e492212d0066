/**
 * The benchmarks' text tables: each column as wide as its widest cell, two spaces between them.
 */

/**
 * Pads every row's cells to their column's width: the columns in `leftColumns` (names, verdicts)
 * align left, the others (numbers) right.
 * @example alignColumns([["case", "ratio"], ["mm1", "0.24"]]) // ["case  ratio", "mm1    0.24"]
 */
export function alignColumns(rows: string[][], leftColumns: readonly number[] = [0]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (leftColumns.includes(column) ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  "));
}
