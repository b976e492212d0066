/**
 * The comparison table `meshsim run` prints: one row per mesh and load point with latency
 * percentiles, errors and resource cost, then the slowest hops of each run.
 */

import { zoneTrafficLines } from "./zone-traffic-lines.js";
import { clusterTrafficLines } from "./cluster-traffic-lines.js";
import { describeFailure, failingRuns, type FailureRun, type ResultsDocument, type RunSummary } from "../runner/index.js";
import { hiddenColumnsNote, renderFittedTable, wrapLines, type TableColumn } from "./fit-table.js";
import { formatRps, loadsText } from "./_chart-data.js";
import { formatCount, formatMs } from "./format-number.js";
import { telemetryLines } from "./telemetry-lines.js";

/** Hops listed per run under the table. */
const TOP_HOPS = 3;

export interface ComparisonTableOptions {
  /** Meshes `--mesh all` left out, with why: listed under the table so a reader sees the gap. */
  skippedMeshes?: ResultsDocument["skippedMeshes"];
  /** The terminal's width: less important columns are left out and notes wrap to fit. */
  maxWidth?: number;
}

/** The table's columns; the ones with a drop rank go, lowest first, when the terminal is narrow. */
const COLUMNS: TableColumn[] = [
  { head: "mesh" },
  { head: "mTLS", dropRank: 6 },
  { head: "rps", align: "right" },
  { head: "p50 ms", align: "right" },
  { head: "p90 ms", align: "right", dropRank: 1 },
  { head: "p99 ms", align: "right" },
  { head: "p99.9 ms", align: "right", dropRank: 2 },
  { head: "mean ms", align: "right", dropRank: 4 },
  { head: "completed", align: "right", dropRank: 5 },
  { head: "failed", align: "right" },
  { head: "app vCPU", align: "right", dropRank: 3 },
  { head: "mesh vCPU", align: "right", dropRank: 8 },
  { head: "mesh MB", align: "right", dropRank: 7 },
];

/**
 * Renders runs as a plain-text table (no colour codes, so it pipes cleanly).
 * @example console.log(renderComparisonTable(results.runs))
 */
export function renderComparisonTable(runs: RunSummary[], options: ComparisonTableOptions = {}): string {
  // A closed loop offers no rate: its load is its users, its rate what they achieved.
  const closed = runs.some((run) => run.users !== undefined);
  const columns = closed ? COLUMNS.flatMap((column) => (column.head === "rps" ? [{ head: "users", align: "right" as const }, { head: "achieved rps", align: "right" as const }] : [column])) : COLUMNS;
  const rows: string[][] = [];
  for (const run of runs) {
    const { resources } = run;
    // With nothing completed there is no latency to show, only failures.
    const latencyMs = run.requests.completed > 0 ? run.latencyMs : { p50: NaN, p90: NaN, p99: NaN, p999: NaN, mean: NaN };
    rows.push([
      run.mesh,
      run.mtls,
      ...(closed ? [run.users === undefined ? "" : formatCount(run.users), formatRps(run.throughputPerSec)] : [formatCount(run.rps)]),
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
  const costs = runs.filter((run) => run.resources.monthlyCost);
  const costLines = costs.map((run) => {
    const cost = run.resources.monthlyCost!;
    return `  ${run.mesh} @ ${loadsText([run])}: ${cost.total.toFixed(2)} ${cost.currency} (data plane ${cost.dataPlane.toFixed(2)}, control plane ${cost.controlPlane.toFixed(2)})`;
  });
  const table = renderFittedTable(columns, rows, { maxWidth: options.maxWidth });
  const lines = [...table.text.split("\n"), ...(table.hidden.length > 0 ? [hiddenColumnsNote(table.hidden)] : []), ...(costLines.length > 0 ? ["", "mesh cost per month:", ...costLines] : []), ...zoneTrafficLines(runs, (run) => loadsText([run])), ...clusterTrafficLines(runs, (run) => loadsText([run])), ...telemetryLines(runs), "", "top hops by time per request (mean per visit x visits, utilisation); for meshes, the mesh's own:"];
  for (const run of runs) {
    // What a mesh adds is its own stations; without a mesh, show the app's slowest.
    const own = run.mesh === "none" ? run.hops : run.hops.filter((hop) => !/^(app|external)\//.test(hop.station));
    const top = [...own].sort((a, b) => b.meanMs * b.visitsPerRequest - a.meanMs * a.visitsPerRequest).slice(0, TOP_HOPS);
    const described = top.map((hop) => `${hop.station} ${formatMs(hop.meanMs)} ms x${hop.visitsPerRequest.toFixed(2)} (${(hop.utilization * 100).toFixed(0)}%)`);
    lines.push(`  ${run.mesh} @ ${loadsText([run])}: ${described.join(", ")}`);
  }
  const withNodes = runs.filter((run) => run.nodes !== undefined && run.nodes.length > 0);
  if (withNodes.length > 0) {
    lines.push("", "busiest node (share of its cores busy; vCPU by app, mesh, kernel, load generator):");
    for (const run of withNodes) {
      const busiest = run.nodes!.reduce((a, b) => (b.cpuUtilization > a.cpuUtilization ? b : a));
      const used = busiest.cpuByUser;
      const split = [used.app, used.mesh, used.kernel, used.loadGenerator].map((vcpu) => vcpu.toFixed(2)).join(" / ");
      lines.push(`  ${run.mesh} @ ${loadsText([run])}: node ${busiest.node}, ${(busiest.cpuUtilization * 100).toFixed(0)}% of ${busiest.vcpu} cores (${split})`);
    }
  }
  // The same warning at several loads of one mesh is listed once, with its loads; one that
  // every mesh has at the same loads (the app's own), once for all.
  const loadsByWarning = new Map<string, { mesh: string; warning: string; rates: string[] }>();
  for (const run of runs) {
    for (const warning of run.warnings) {
      const key = `${run.mesh}\u0000${warning}`;
      const entry = loadsByWarning.get(key) ?? { mesh: run.mesh, warning, rates: [] };
      entry.rates.push(loadsText([run]).replace(/ rps$/, ""));
      loadsByWarning.set(key, entry);
    }
  }
  const meshes = new Set(runs.map((run) => run.mesh));
  const meshesByWarning = new Map<string, Set<string>>();
  for (const { mesh, warning, rates } of loadsByWarning.values()) {
    const key = `${warning}\u0000${rates.join(",")}`;
    meshesByWarning.set(key, (meshesByWarning.get(key) ?? new Set()).add(mesh));
  }
  const shared = (warning: string, rates: string[]) => meshes.size > 1 && meshesByWarning.get(`${warning}\u0000${rates.join(",")}`)!.size === meshes.size;
  const warnings: string[] = [];
  const listed = new Set<string>();
  for (const { mesh, warning, rates } of loadsByWarning.values()) {
    if (!shared(warning, rates)) warnings.push(`  ${mesh} @ ${ratesText(rates)}: ${warning}`);
    else if (!listed.has(`${warning}\u0000${rates.join(",")}`)) {
      listed.add(`${warning}\u0000${rates.join(",")}`);
      warnings.push(`  every mesh @ ${ratesText(rates)}: ${warning}`);
    }
  }
  if (warnings.length > 0) lines.push("", "warnings:", ...warnings);
  lines.push(...failingLines(runs));
  const skipped = options.skippedMeshes ?? [];
  if (skipped.length > 0) lines.push("", "not run (--mesh all leaves out a mesh that cannot express the settings):", ...skipped.map(({ mesh, reason }) => `  ${mesh}: ${reason}`));
  return lines.flatMap((line) => (/^[┌│├└]/.test(line) ? [line] : wrapLines([line], options.maxWidth))).join("\n");
}

/**
 * The section naming the runs that fail requests, one line per mesh and failure (its loads
 * together), as they are left out of every ranking; nothing when none fails.
 * @example failingLines(document.runs) // ["", "failing (...):", "  osm @ 100, 200 rps: every request failed (mtls-plaintext-refused)"]
 */
export function failingLines(runs: Array<FailureRun & { parameters?: Record<string, unknown> }>): string[] {
  const byMesh = new Map<string, FailureRun[]>();
  for (const [run, failure] of failingRuns(runs)) {
    const variant = run.parameters ? ` (${Object.entries(run.parameters).map(([path, value]) => `${path}=${value}`).join(", ")})` : "";
    const key = `${run.mesh}${variant}\u0000${describeFailure(failure)}`;
    byMesh.set(key, [...(byMesh.get(key) ?? []), run]);
  }
  if (byMesh.size === 0) return [];
  const lines = [...byMesh].map(([key, failed]) => {
    const [mesh, failure] = key.split("\u0000");
    return `  ${mesh} @ ${loadsText(failed)}: ${failure}`;
  });
  return ["", "failing (left out of every comparison: what is not served costs nothing and takes no time):", ...lines];
}

/** Loads of one warning ("100", "200", or "8 users") as one phrase: "100, 200 rps". */
function ratesText(rates: string[]): string {
  const open = rates.filter((rate) => !rate.endsWith(" users"));
  const closed = rates.filter((rate) => rate.endsWith(" users"));
  return [...(open.length > 0 ? [`${open.join(", ")} rps`] : []), ...closed].join(", ");
}
