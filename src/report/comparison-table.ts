/**
 * The comparison table `meshsim run` prints: one row per mesh and load point with latency
 * percentiles, errors and resource cost, then the slowest hops of each run.
 */

import Table from "cli-table3";
import type { RunSummary } from "../runner/index.js";
import { formatCount, formatMs } from "./format-number.js";

/** Hops listed per run under the table. */
const TOP_HOPS = 3;

/**
 * Renders runs as a plain-text table (no colour codes, so it pipes cleanly).
 * @example console.log(renderComparisonTable(results.runs))
 */
export function renderComparisonTable(runs: RunSummary[]): string {
  const table = new Table({
    head: ["mesh", "mTLS", "rps", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "mean ms", "completed", "failed", "app vCPU", "mesh vCPU", "mesh MB"],
    style: { head: [], border: [] },
    colAligns: ["left", "left", ...Array(11).fill("right")],
  });
  for (const run of runs) {
    const { latencyMs, resources } = run;
    table.push([
      run.mesh,
      run.mtls,
      formatCount(run.rps),
      formatMs(latencyMs.p50),
      formatMs(latencyMs.p90),
      formatMs(latencyMs.p99),
      formatMs(latencyMs.p999),
      formatMs(latencyMs.mean),
      formatCount(run.requests.completed),
      formatCount(run.requests.failed),
      resources.app.vcpu.toFixed(2),
      (resources.dataPlane.vcpu + resources.controlPlane.vcpu).toFixed(2),
      formatCount(resources.dataPlane.memoryMb + resources.controlPlane.memoryMb),
    ]);
  }
  const lines = [table.toString(), "", "slowest hops (mean time per visit, utilisation):"];
  for (const run of runs) {
    const top = [...run.hops].sort((a, b) => b.meanMs * b.visitsPerRequest - a.meanMs * a.visitsPerRequest).slice(0, TOP_HOPS);
    const described = top.map((hop) => `${hop.station} ${formatMs(hop.meanMs)} ms x${hop.visitsPerRequest.toFixed(2)} (${(hop.utilization * 100).toFixed(0)}%)`);
    lines.push(`  ${run.mesh} @ ${formatCount(run.rps)} rps: ${described.join(", ")}`);
  }
  const warnings = runs.flatMap((run) => run.warnings.map((warning) => `  ${run.mesh} @ ${formatCount(run.rps)} rps: ${warning}`));
  if (warnings.length > 0) lines.push("", "warnings:", ...[...new Set(warnings)]);
  return lines.join("\n");
}
