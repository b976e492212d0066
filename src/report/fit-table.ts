/**
 * Plain-text tables that fit a terminal: given a width, long text columns wrap first, then the
 * least important columns are left out (and named, for `--wide`); without a width (a pipe, a
 * file) every column is kept whole.
 */

import Table from "cli-table3";

export interface TableColumn {
  head: string;
  align?: "left" | "right";
  /**
   * When the table is too wide, columns with a drop rank are left out, lowest rank first;
   * columns without one always stay.
   */
  dropRank?: number;
  /** Text that may wrap onto several lines, down to this many characters. */
  wrapTo?: number;
}

export interface TableFit {
  /** The widest a line may be, in characters; undefined: no limit. */
  maxWidth?: number;
  /** Rules between rows (a grid) rather than only under the head. */
  grid?: boolean;
}

export interface FittedTable {
  text: string;
  /** The heads of the columns left out to fit. */
  hidden: string[];
}

/**
 * The table of `rows` under `columns`, fitted to `fit.maxWidth`.
 * @example renderFittedTable([{ head: "mesh" }, { head: "p99 ms", align: "right", dropRank: 1 }], rows, { maxWidth: 80 }).text
 */
export function renderFittedTable(columns: TableColumn[], rows: string[][], fit: TableFit = {}): FittedTable {
  const kept = columns.map((_, index) => index);
  const widths = columns.map((column, index) => naturalWidth(column.head, rows.map((row) => row[index] ?? "")));
  const maxWidth = fit.maxWidth;
  if (maxWidth !== undefined) {
    while (tableWidth(kept.map((index) => widths[index])) > maxWidth) {
      const wrappable = kept.filter((index) => columns[index].wrapTo !== undefined && widths[index] > columns[index].wrapTo! + PADDING);
      if (wrappable.length > 0) {
        const widest = wrappable.reduce((a, b) => (widths[b] > widths[a] ? b : a));
        const excess = tableWidth(kept.map((index) => widths[index])) - maxWidth;
        widths[widest] = Math.max(columns[widest].wrapTo! + PADDING, widths[widest] - excess);
        continue;
      }
      const droppable = kept.filter((index) => columns[index].dropRank !== undefined);
      if (droppable.length === 0) break;
      const first = droppable.reduce((a, b) => (columns[b].dropRank! < columns[a].dropRank! ? b : a));
      kept.splice(kept.indexOf(first), 1);
    }
  }
  const table = new Table({
    head: kept.map((index) => columns[index].head),
    style: { head: [], border: [] },
    colAligns: kept.map((index) => columns[index].align ?? "left"),
    colWidths: kept.map((index) => widths[index]),
    wordWrap: true,
    ...(fit.grid ? {} : { chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" } }),
  });
  for (const row of rows) table.push(kept.map((index) => row[index] ?? ""));
  const hidden = columns.filter((_, index) => !kept.includes(index)).map((column) => column.head);
  return { text: table.toString(), hidden };
}

/**
 * Wraps prose lines (notes under a table) at word boundaries to `maxWidth`, indenting the
 * continuation like the line's own indent plus two; lines already short enough stay as they are.
 * @example wrapLines(["  istio @ 100 rps: a long warning ..."], 40)
 */
export function wrapLines(lines: string[], maxWidth: number | undefined): string[] {
  if (maxWidth === undefined) return lines;
  return lines.flatMap((line) => {
    if (line.length <= maxWidth) return [line];
    const indent = `${/^ */.exec(line)![0]}  `;
    const wrapped: string[] = [];
    let current = "";
    for (const word of line.trim().split(" ")) {
      const prefix = wrapped.length === 0 ? line.slice(0, line.length - line.trimStart().length) : indent;
      const candidate = current === "" ? `${prefix}${word}` : `${current} ${word}`;
      if (candidate.length > maxWidth && current !== "") {
        wrapped.push(current);
        current = `${indent}${word}`;
      } else current = candidate;
    }
    wrapped.push(current);
    return wrapped;
  });
}

/**
 * The line under a table that names the columns left out.
 * @example hiddenColumnsNote(["p90 ms"]) // "(left out to fit the terminal: p90 ms; --wide shows every column)"
 */
export function hiddenColumnsNote(hidden: string[]): string {
  return `(left out to fit the terminal: ${hidden.join(", ")}; --wide shows every column)`;
}

// --- internal ---

/** One space each side of a cell's text, as cli-table3 pads. */
const PADDING = 2;

function naturalWidth(head: string, cells: string[]): number {
  const longest = [head, ...cells].flatMap((text) => text.split("\n")).reduce((max, line) => Math.max(max, line.length), 0);
  return longest + PADDING;
}

/** Characters of a line: the columns (padding included) and a border before each and after the last. */
function tableWidth(widths: number[]): number {
  return widths.reduce((sum, width) => sum + width, 0) + widths.length + 1;
}
