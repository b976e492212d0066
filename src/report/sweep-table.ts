/**
 * What `meshsim sweep` prints: one row per mesh and load point (marked against the SLO when
 * there is one), the loads that were not simulated, and each mesh's highest load within the SLO.
 */

import Table from "cli-table3";
import { formatRps, variantLabel } from "./_chart-data.js";
import { formatCount, formatMs } from "./format-number.js";
import type { ReportDocument } from "./report-document.js";

/**
 * Renders a sweep document as plain-text tables (no colour codes, so it pipes cleanly).
 * @example console.log(renderSweepTable(document))
 */
export function renderSweepTable(document: ReportDocument): string {
  const runs = document.runs;
  const sweep = document.sweep;
  const slo = sweep?.slo;
  const withParameters = runs.some((run) => run.parameters !== undefined) || (sweep?.capacity ?? []).some((entry) => entry.parameters !== undefined);
  const statistic = slo ? (slo.statistic === "p999" ? "p99.9" : slo.statistic) : "";
  const points = plainTable([
    "mesh",
    ...(withParameters ? ["--set"] : []),
    "rps",
    "p50 ms",
    "p90 ms",
    "p99 ms",
    "p99.9 ms",
    "mean ms",
    "failed",
    "mesh vCPU",
    "mesh MB",
    ...(slo ? [slo.text] : []),
  ], withParameters ? 2 : 1);
  for (const run of runs) {
    const value = slo ? run.latencyMs[slo.statistic] : 0;
    const meets = slo ? (slo.inclusive ? value <= slo.thresholdMs : value < slo.thresholdMs) : false;
    points.push([
      run.mesh,
      ...(withParameters ? [variantLabel(run)] : []),
      formatRps(run.rps),
      formatMs(run.latencyMs.p50),
      formatMs(run.latencyMs.p90),
      formatMs(run.latencyMs.p99),
      formatMs(run.latencyMs.p999),
      formatMs(run.latencyMs.mean),
      formatCount(run.requests.failed),
      (run.resources.dataPlane.vcpu + run.resources.controlPlane.vcpu).toFixed(2),
      formatCount(run.resources.dataPlane.memoryMb + run.resources.controlPlane.memoryMb),
      ...(slo ? [meets ? "meets" : "misses"] : []),
    ]);
  }
  const lines = [points.toString()];

  const overloaded = sweep?.overloaded ?? [];
  if (overloaded.length > 0) {
    lines.push("", "not simulated (a station would be at or above 100% busy; higher loads skipped):");
    for (const point of overloaded) {
      const variant = variantLabel(point);
      lines.push(`  ${point.mesh}${variant ? ` (${variant})` : ""} @ ${formatRps(point.rps)} rps`);
    }
  }

  if (slo && sweep?.capacity) {
    const capacity = plainTable(["mesh", ...(withParameters ? ["--set"] : []), "highest rps within SLO", `${statistic} ms there`, "first failing rps"], withParameters ? 2 : 1);
    for (const entry of sweep.capacity) {
      capacity.push([
        entry.mesh,
        ...(withParameters ? [variantLabel(entry)] : []),
        entry.maxRps === null ? "none" : formatRps(entry.maxRps),
        entry.valueMs === null ? "-" : formatMs(entry.valueMs),
        entry.firstFailingRps === null ? "none tried" : `${formatRps(entry.firstFailingRps)} (${entry.failedBy === "overload" ? "overloaded" : `${statistic} too high`})`,
      ]);
    }
    const resolution = sweep.resolutionRps !== undefined ? `, refined by bisection to ${formatRps(sweep.resolutionRps)} rps` : "";
    lines.push("", `highest load within the SLO ${slo.text} (every lower load tried also meets it${resolution}):`, capacity.toString());
  }

  const warnings = runs.flatMap((run) => {
    const variant = variantLabel(run);
    return run.warnings.map((warning) => `  ${run.mesh}${variant ? ` (${variant})` : ""} @ ${formatRps(run.rps)} rps: ${warning}`);
  });
  if (warnings.length > 0) lines.push("", "warnings:", ...[...new Set(warnings)]);
  const skipped = (document.skippedMeshes ?? []).map((entry) => {
    const variant = variantLabel(entry);
    return `  ${entry.mesh}${variant ? ` (${variant})` : ""}: ${entry.reason}`;
  });
  if (skipped.length > 0) lines.push("", "not run (--mesh all leaves out a mesh that cannot express the settings):", ...skipped);
  return lines.join("\n");
}

// --- internal ---

/** A borderless-rows table like the comparison table's, text columns left-aligned. */
function plainTable(head: string[], textColumns: number): InstanceType<typeof Table> {
  return new Table({
    head,
    style: { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
    colAligns: head.map((_, index) => (index < textColumns ? "left" : "right")),
  });
}
