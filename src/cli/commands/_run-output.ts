/**
 * What `run` and `merge` print for a results document: the decision summary first (what each
 * mesh adds, fails and costs, how far to trust its numbers), then the full comparison table.
 */

import { decisionSummary, renderComparisonTable, renderDecisionSummary } from "../../report/index.js";
import type { ResultsDocument } from "../../runner/index.js";

/**
 * The terminal output for `document`, fitted to `maxWidth` characters when given.
 * @example io.stdout(`${renderRunOutput(document, io.columns)}\n`)
 */
export function renderRunOutput(document: ResultsDocument, maxWidth: number | undefined): string {
  const summary = renderDecisionSummary(decisionSummary(document), { maxWidth });
  const table = renderComparisonTable(document.runs, { skippedMeshes: document.skippedMeshes, maxWidth });
  return summary === "" ? table : `${summary}\n\n${table}`;
}
