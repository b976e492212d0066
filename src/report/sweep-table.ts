/**
 * What `meshsim sweep` prints: one row per mesh and load point (marked against the SLO when
 * there is one), the loads that were not simulated, and each mesh's highest load within the SLO.
 */

import { formatRps, loadsText, variantLabel } from "./_chart-data.js";
import { hiddenColumnsNote, renderFittedTable, wrapLines, type TableColumn } from "./fit-table.js";
import { formatCount, formatMs } from "./format-number.js";
import { failingLines } from "./comparison-table.js";
import { telemetryLines } from "./telemetry-lines.js";
import type { ReportDocument } from "./report-document.js";
import { failingRuns } from "../runner/index.js";

/** Why a load failed the SLO, in the capacity table (latency: the statistic, named there). */
const FAILED_BY: Record<string, string | undefined> = { overload: "overloaded", failures: "requests fail", latency: undefined };

/**
 * Renders a sweep document as plain-text tables (no colour codes, so it pipes cleanly).
 * @example console.log(renderSweepTable(document))
 */
export function renderSweepTable(document: ReportDocument, options: { maxWidth?: number } = {}): string {
  const runs = document.runs;
  const sweep = document.sweep;
  const slo = sweep?.slo;
  const withParameters = runs.some((run) => run.parameters !== undefined) || (sweep?.capacity ?? []).some((entry) => entry.parameters !== undefined);
  const statistic = slo ? (slo.statistic === "p999" ? "p99.9" : slo.statistic) : "";
  const columns: TableColumn[] = [
    { head: "mesh" },
    ...(withParameters ? [{ head: "--set", wrapTo: 16 }] : []),
    { head: "rps", align: "right" },
    { head: "p50 ms", align: "right" },
    { head: "p90 ms", align: "right", dropRank: 1 },
    { head: "p99 ms", align: "right" },
    { head: "p99.9 ms", align: "right", dropRank: 2 },
    { head: "mean ms", align: "right", dropRank: 3 },
    { head: "failed", align: "right" },
    { head: "mesh vCPU", align: "right", dropRank: 5 },
    { head: "mesh MB", align: "right", dropRank: 4 },
    ...(slo ? [{ head: slo.text, align: "right" as const }] : []),
  ];
  const points: string[][] = [];
  const failing = failingRuns(runs);
  for (const run of runs) {
    const value = slo ? run.latencyMs[slo.statistic] : 0;
    const meets = slo ? (slo.inclusive ? value <= slo.thresholdMs : value < slo.thresholdMs) : false;
    const verdict = failing.has(run) ? "fails" : meets ? "meets" : "misses";
    points.push([
      run.mesh,
      ...(withParameters ? [variantLabel(run)] : []),
      run.users === undefined ? formatRps(run.rps) : `${formatRps(run.throughputPerSec)} (${run.users} users)`,
      formatMs(run.latencyMs.p50),
      formatMs(run.latencyMs.p90),
      formatMs(run.latencyMs.p99),
      formatMs(run.latencyMs.p999),
      formatMs(run.latencyMs.mean),
      formatCount(run.requests.failed),
      (run.resources.dataPlane.vcpu + run.resources.controlPlane.vcpu).toFixed(2),
      formatCount(run.resources.dataPlane.memoryMb + run.resources.controlPlane.memoryMb),
      ...(slo ? [verdict] : []),
    ]);
  }
  const table = renderFittedTable(columns, points, options);
  const lines = [table.text, ...(table.hidden.length > 0 ? [hiddenColumnsNote(table.hidden)] : [])];

  const overloaded = sweep?.overloaded ?? [];
  if (overloaded.length > 0) {
    lines.push("", "not simulated (a station would be at or above 100% busy; higher loads skipped):");
    for (const point of overloaded) {
      const variant = variantLabel(point);
      lines.push(`  ${point.mesh}${variant ? ` (${variant})` : ""} @ ${formatRps(point.rps)} rps`);
    }
  }

  if (slo && sweep?.capacity) {
    const capacityColumns: TableColumn[] = [
      { head: "mesh" },
      ...(withParameters ? [{ head: "--set", wrapTo: 16 }] : []),
      { head: "highest rps within SLO", align: "right", wrapTo: 8 },
      { head: `${statistic} ms there`, align: "right", wrapTo: 8 },
      { head: "first failing rps", align: "right", wrapTo: 10 },
    ];
    const capacity: string[][] = [];
    for (const entry of sweep.capacity) {
      capacity.push([
        entry.mesh,
        ...(withParameters ? [variantLabel(entry)] : []),
        entry.maxRps === null ? "none" : formatRps(entry.maxRps),
        entry.valueMs === null ? "-" : formatMs(entry.valueMs),
        entry.firstFailingRps === null ? "none tried" : `${formatRps(entry.firstFailingRps)} (${FAILED_BY[entry.failedBy ?? "latency"] ?? `${statistic} too high`})`,
      ]);
    }
    const resolution = sweep.resolutionRps !== undefined ? `, refined by bisection to ${formatRps(sweep.resolutionRps)} rps` : "";
    lines.push("", `highest load within the SLO ${slo.text} (every lower load tried also meets it${resolution}):`, renderFittedTable(capacityColumns, capacity, options).text);
  }

  lines.push(...telemetryLines(runs));
  lines.push(...failingLines(runs));
  const warnings = runs.flatMap((run) => {
    const variant = variantLabel(run);
    return run.warnings.map((warning) => `  ${run.mesh}${variant ? ` (${variant})` : ""} @ ${loadsText([run])}: ${warning}`);
  });
  if (warnings.length > 0) lines.push("", "warnings:", ...[...new Set(warnings)]);
  const skipped = (document.skippedMeshes ?? []).map((entry) => {
    const variant = variantLabel(entry);
    return `  ${entry.mesh}${variant ? ` (${variant})` : ""}: ${entry.reason}`;
  });
  if (skipped.length > 0) lines.push("", "not run (--mesh all leaves out a mesh that cannot express the settings):", ...skipped);
  // The tables are fitted already; the lines between them wrap.
  return lines.flatMap((line) => (/^[┌│├└]/.test(line) ? [line] : wrapLines([line], options.maxWidth))).join("\n");
}
