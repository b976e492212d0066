/**
 * `--markdown file`: the check as a GitHub-flavoured Markdown table, for a pull-request comment
 * or `$GITHUB_STEP_SUMMARY`. Failures come first and passing checks are folded away, so a reviewer
 * sees what broke without scrolling.
 */

import { describeSummary, isFailure, summarizeRows, type CheckRow } from "./check-row.js";
import { formattedValues, statusLabel } from "./render-check-table.js";

export interface MarkdownOptions {
  allowMissing: boolean;
  /** A heading's subject, e.g. the scenario name. */
  title?: string;
  notes?: string[];
}

/**
 * The Markdown text: a heading with the verdict, the counts, a table of what needs attention
 * (failures, missing runs, noise), the passing checks folded away, and notes.
 * @example appendFileSync(process.env.GITHUB_STEP_SUMMARY!, renderMarkdown(rows, { allowMissing: false }))
 */
export function renderMarkdown(rows: CheckRow[], options: MarkdownOptions): string {
  const summary = summarizeRows(rows, options);
  const verdict = summary.failing ? "❌ failed" : "✅ passed";
  const lines = [`### meshsim check${options.title ? `: ${escapeCell(options.title)}` : ""} ${verdict}`, "", `${describeSummary(summary)}.`];
  const attention = (row: CheckRow) => row.status === "fail" || row.status === "missing" || row.status === "noise";
  const ordered = [...rows.filter((row) => isFailure(row, options)), ...rows.filter((row) => attention(row) && !isFailure(row, options))];
  const rest = rows.filter((row) => !attention(row));
  if (ordered.length > 0) lines.push("", ...table(ordered, options));
  const failures = rows.filter((row) => isFailure(row, options));
  if (failures.length > 0) {
    lines.push("", "Why it failed:", "");
    for (const row of failures) lines.push(`- **${escapeCell(row.subject)}** ${code(row.check)}: ${escapeCell(row.message)}`);
  }
  if (rest.length > 0) {
    lines.push("", `<details><summary>${rest.length} other check${rest.length === 1 ? "" : "s"} (passed or new)</summary>`, "", ...table(rest, options), "", "</details>");
  }
  if (options.notes && options.notes.length > 0) lines.push("", ...options.notes.map((note) => `> ${escapeCell(note)}`));
  lines.push("");
  return lines.join("\n");
}

/**
 * Text for a table cell: pipes escaped, HTML characters as entities, one line.
 * @example escapeCell("a|b<c>") // "a\\|b&lt;c&gt;"
 */
export function escapeCell(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

// --- internal ---

function table(rows: CheckRow[], options: { allowMissing: boolean }): string[] {
  const lines = ["| result | check | run | metric | baseline | current | change | limit |", "| --- | --- | --- | --- | ---: | ---: | ---: | --- |"];
  for (const row of rows) {
    const [baseline, current, change] = formattedValues(row);
    const cells = [icon(row, options), code(row.check), escapeCell(row.subject), row.metric, baseline, current, change, code(row.limit)];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return lines;
}

/** A code span (no entity decoding inside, so `<` stays as typed; pipes still need escaping in tables). */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ")}\``;
}

function icon(row: CheckRow, options: { allowMissing: boolean }): string {
  const label = statusLabel(row, options);
  switch (row.status) {
    case "pass":
      return `✅ ${label}`;
    case "fail":
      return `❌ ${label}`;
    case "noise":
      return `〰️ ${label}`;
    case "missing":
      return `${options.allowMissing ? "⚠️" : "❌"} ${label}`;
    case "new":
      return `🆕 ${label}`;
  }
}
