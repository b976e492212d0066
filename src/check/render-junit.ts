/**
 * `--junit file`: the check as JUnit XML, one test case per threshold or regression check, in
 * the shape CI systems (GitHub test reporters, GitLab, Jenkins) read. Failures carry the reason;
 * noise passes with a note; new runs and allowed missing runs are skipped.
 */

import { isFailure, summarizeRows, type CheckRow } from "./check-row.js";
import { formattedValues } from "./render-check-table.js";

export interface JunitOptions {
  allowMissing: boolean;
  /** Shown in the regression suite's name, e.g. the baseline's file. */
  baselineSource?: string;
}

/**
 * The XML document (UTF-8, with declaration).
 * @example writeFileAtomic("check.xml", renderJunit(rows, { allowMissing: false }))
 */
export function renderJunit(rows: CheckRow[], options: JunitOptions): string {
  const suites = [
    { name: "meshsim check: thresholds", rows: rows.filter((row) => row.kind === "threshold") },
    {
      name: `meshsim check: regressions${options.baselineSource ? ` against ${options.baselineSource}` : ""}`,
      rows: rows.filter((row) => row.kind === "regression"),
    },
  ].filter((suite) => suite.rows.length > 0);
  const summary = summarizeRows(rows, options);
  const skipped = rows.filter((row) => isSkipped(row, options)).length;
  const failures = rows.filter((row) => isFailure(row, options)).length;
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="meshsim check" tests="${summary.total}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`,
  ];
  for (const suite of suites) {
    const suiteFailures = suite.rows.filter((row) => isFailure(row, options)).length;
    const suiteSkipped = suite.rows.filter((row) => isSkipped(row, options)).length;
    lines.push(
      `  <testsuite name="${escapeXml(suite.name)}" tests="${suite.rows.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}" time="0">`,
    );
    for (const row of suite.rows) lines.push(...testCase(row, options));
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>", "");
  return lines.join("\n");
}

/**
 * Text made safe for XML: markup characters as entities and characters XML 1.0 cannot hold at
 * all (control characters, lone surrogates) dropped. In an attribute, line breaks and tabs
 * become character references too, since parsers would fold them into spaces.
 * @example escapeXml(`p99<50ms & "x"`) // "p99&lt;50ms &amp; &quot;x&quot;"
 */
export function escapeXml(text: string, where: "attribute" | "text" = "attribute"): string {
  const escaped = text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
  return where === "text" ? escaped : escaped.replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}

// --- internal ---

function isSkipped(row: CheckRow, options: { allowMissing: boolean }): boolean {
  return row.status === "new" || (row.status === "missing" && options.allowMissing);
}

function testCase(row: CheckRow, options: { allowMissing: boolean }): string[] {
  const classname = row.kind === "threshold" ? "meshsim.threshold" : "meshsim.regression";
  const name = `${row.subject}: ${row.check}`;
  const open = `    <testcase name="${escapeXml(name)}" classname="${classname}" time="0">`;
  const [baseline, current, change] = formattedValues(row);
  const detail = [`metric: ${row.metric}`, baseline && `baseline: ${baseline}`, current && `current: ${current}`, change && `change: ${change}`, `limit: ${row.limit}`]
    .filter(Boolean)
    .join("\n");
  if (isFailure(row, options)) {
    const type = row.status === "missing" ? "missing" : row.kind;
    return [open, `      <failure message="${escapeXml(row.message)}" type="${type}">${escapeXml(detail, "text")}</failure>`, "    </testcase>"];
  }
  if (isSkipped(row, options)) return [open, `      <skipped message="${escapeXml(row.message)}"/>`, "    </testcase>"];
  return [open, `      <system-out>${escapeXml(`${row.status}: ${row.message}\n${detail}`, "text")}</system-out>`, "    </testcase>"];
}
