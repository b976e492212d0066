// renderFittedTable fits a terminal by wrapping text columns, then leaving out the least
// important columns (and naming them); wrapLines wraps the notes under a table.

import { describe, expect, it } from "vitest";
import { hiddenColumnsNote, renderFittedTable, wrapLines, type TableColumn } from "../../src/report/index.js";

const COLUMNS: TableColumn[] = [
  { head: "mesh" },
  { head: "p50 ms", align: "right" },
  { head: "p90 ms", align: "right", dropRank: 1 },
  { head: "mean ms", align: "right", dropRank: 2 },
  { head: "description", wrapTo: 10 },
];
const ROWS = [
  ["istio", "1.00", "2.00", "1.50", "Envoy sidecars in every pod, configured by istiod"],
  ["linkerd2", "0.90", "1.80", "1.20", "linkerd2-proxy sidecars"],
];

const widest = (text: string) => Math.max(...text.split("\n").map((line) => line.length));

describe("renderFittedTable", () => {
  it("without a width keeps every column whole on one line per row", () => {
    const { text, hidden } = renderFittedTable(COLUMNS, ROWS);
    expect(hidden).toEqual([]);
    expect(text.split("\n")).toHaveLength(5);
    expect(text).toContain("Envoy sidecars in every pod, configured by istiod");
  });

  it.each([100, 70, 60, 50, 44, 40])("fits %i characters, wrapping text before leaving columns out", (maxWidth) => {
    const { text } = renderFittedTable(COLUMNS, ROWS, { maxWidth });
    expect(widest(text)).toBeLessThanOrEqual(maxWidth);
  });

  it("wraps the text column first and keeps every column while that is enough", () => {
    const { text, hidden } = renderFittedTable(COLUMNS, ROWS, { maxWidth: 70 });
    expect(hidden).toEqual([]);
    expect(text.split("\n").length).toBeGreaterThan(5);
  });

  it("then leaves out columns by drop rank, lowest first, and says which", () => {
    expect(renderFittedTable(COLUMNS, ROWS, { maxWidth: 50 }).hidden).toEqual(["p90 ms"]);
    expect(renderFittedTable(COLUMNS, ROWS, { maxWidth: 40 }).hidden).toEqual(["p90 ms", "mean ms"]);
  });

  it("keeps the columns without a drop rank even when they do not fit", () => {
    const { text, hidden } = renderFittedTable(COLUMNS, ROWS, { maxWidth: 10 });
    expect(hidden).toEqual(["p90 ms", "mean ms"]);
    expect(text).toContain("linkerd2");
  });
});

describe("wrapLines", () => {
  it("wraps at word boundaries, continuing two spaces further in, and leaves short lines", () => {
    expect(wrapLines(["  istio @ 100 rps: one two three four", "short"], 22)).toEqual(["  istio @ 100 rps: one", "    two three four", "short"]);
  });

  it("without a width changes nothing", () => {
    const long = "x ".repeat(200);
    expect(wrapLines([long], undefined)).toEqual([long]);
  });

  it("names the hidden columns and --wide", () => {
    expect(hiddenColumnsNote(["p90 ms", "mean ms"])).toBe("(left out to fit the terminal: p90 ms, mean ms; --wide shows every column)");
  });
});
