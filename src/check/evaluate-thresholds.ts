/**
 * Applies threshold expressions to the runs of a results document: one row per threshold and
 * selected run (or request type), passing when the figure meets the bound.
 */

import type { RunSummary } from "../runner/index.js";
import { ScenarioError, suggest } from "../scenario/index.js";
import { describeRun, describeSubject, noLatencyReason, readMetric, unitOf } from "./check-metric.js";
import type { CheckRow } from "./check-row.js";
import { formatMetricValue } from "./metric-value.js";
import { selectSubjects, type RunSelector } from "./run-selector.js";
import { meetsThreshold, type Threshold } from "./threshold.js";
import { readWindowMetric } from "./time-window.js";

/**
 * Rows for every threshold, in the order given, each over its runs in document order.
 * @throws ScenarioError naming the flag and expression when it selects no run, or asks for a
 *   figure the results lack (cost without prices)
 * @example evaluateThresholds(document.runs, [parseThreshold("p99<50ms")], "results.json")
 */
export function evaluateThresholds(runs: RunSummary[], thresholds: Threshold[], source: string, flag = "--threshold"): CheckRow[] {
  const rows: CheckRow[] = [];
  for (const threshold of thresholds) {
    const subjects = selectSubjects(runs, threshold.selector);
    const where = `${flag} ${JSON.stringify(threshold.text)}`;
    if (subjects.length === 0) throw new ScenarioError("", where, `matches no run in ${source}${hintFor(threshold.selector, runs)} (${describeRuns(runs)})`);
    for (const subject of subjects) {
      const value = threshold.window ? readWindowMetric(threshold.metric.name, subject.run, threshold.window) : readMetric(threshold.metric.name, subject);
      if (value === undefined && threshold.window) {
        const why = subject.run.timeline ? "no interval in its window holds a request" : "it has no timeline (run with load.stages or --interval)";
        throw new ScenarioError("", where, `needs runs[].timeline of ${describeSubject(subject)} in ${source}, but ${why}`);
      }
      if (value === undefined) {
        throw new ScenarioError("", where, `needs a monthly cost, but ${source} has none: give the scenario prices (pricing) to check cost`);
      }
      const unit = unitOf(threshold.metric, subject);
      // A latency of a run that completed no request is NaN (null in the file): no figure meets a bound.
      const pass = !Number.isNaN(value) && meetsThreshold(value, threshold);
      const shown = Number.isNaN(value) ? `(none: ${noLatencyReason(subject)})` : formatMetricValue(value, threshold.metric, unit);
      rows.push({
        kind: "threshold",
        check: threshold.text,
        subject: describeSubject(subject),
        metric: threshold.metric.name,
        unit,
        current: value,
        limit: `${threshold.operator} ${threshold.limitText}`,
        status: pass ? "pass" : "fail",
        message: `${threshold.metric.name} ${shown} ${pass ? "meets" : "breaks"} ${threshold.operator} ${threshold.limitText}`,
      });
    }
  }
  return rows;
}

/**
 * The runs of a document in a few words, for errors about selections that match nothing.
 * @example describeRuns(runs) // "runs: none @ 1000 rps, istio @ 1000 rps; request types: echo"
 */
export function describeRuns(runs: RunSummary[]): string {
  if (runs.length === 0) return "it has no runs";
  const types = [...new Set(runs.flatMap((run) => Object.keys(run.byRequestType)))];
  const listed = runs.slice(0, 12).map(describeRun);
  if (runs.length > listed.length) listed.push(`${runs.length - listed.length} more`);
  const shownTypes = types.length > 8 ? [...types.slice(0, 8), `${types.length - 8} more`] : types;
  return `runs: ${listed.join(", ")}; request types: ${shownTypes.join(", ") || "none"}`;
}

/**
 * ", did you mean …" for a mesh or request type close to one the runs have; "" otherwise.
 * @example hintFor({ mesh: "itsio" }, runs) // ", did you mean istio?"
 */
export function hintFor(selector: RunSelector, runs: RunSummary[]): string {
  const meshes = [...new Set(runs.map((run) => run.mesh))];
  if (selector.mesh !== "*" && !meshes.includes(selector.mesh)) {
    const hint = suggest(selector.mesh, meshes);
    return hint ? `, did you mean ${hint}?` : "";
  }
  const types = [...new Set(runs.flatMap((run) => Object.keys(run.byRequestType)))];
  if (selector.requestType !== undefined && selector.requestType !== "*" && !types.includes(selector.requestType)) {
    const hint = suggest(selector.requestType, types);
    return hint ? `, did you mean ${hint}?` : "";
  }
  return "";
}
