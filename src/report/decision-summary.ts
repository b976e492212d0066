/**
 * The decision summary that opens the terminal output and the report: per mesh, at the load
 * the meshes are compared at, what it adds to p50 and p99 over no mesh (within the noise of the
 * replications or not), what fails, what its
 * data plane and control plane take (CPU, memory, money per month), what it could not express,
 * and whether its profile's numbers are calibrated or estimates.
 */

import { describeFailure, failingRuns, monthlyCost, type CalibrationEntry, type ProfileCalibration } from "../runner/index.js";
import { focusRuns, loadPhrase, seriesLabel, variantLabel, type ChartRun } from "./_chart-data.js";
import { hiddenColumnsNote, renderFittedTable, wrapLines, type TableColumn } from "./fit-table.js";
import { addedLatency, EXACT_NOTE, formatAdded, NO_INTERVAL_MARK, type AddedLatency } from "./added-latency.js";
import { formatCount } from "./format-number.js";
import type { ReportDocument } from "./report-document.js";

/**
 * Prices used when the scenario gives none (`pricing`), and said so wherever money is shown:
 * about an on-demand general-purpose cloud VM split into its vCPU and memory (USD 0.04 per
 * vCPU-hour, 0.005 per GB-hour), the figures of the README's pricing example.
 */
export const DEFAULT_PRICING = { vcpuHour: 0.04, gbHour: 0.005, currency: "USD" } as const;

/** One mesh (or `--set` variant) in the summary. */
export interface DecisionRow {
  mesh: string;
  /** The mesh's name, with its `--set` values in a sweep. */
  series: string;
  /** What it adds over no mesh at the same load, ms; absent without a baseline or when failing. */
  addedP50Ms?: number;
  addedP99Ms?: number;
  /**
   * Half-widths of the 95% intervals of addedP50Ms and addedP99Ms, ms (added-latency's
   * latencyHalfWidth: paired over the replications); null with one replication (no interval).
   * Present with the figures.
   */
  addedP50HalfWidthMs?: number | null;
  addedP99HalfWidthMs?: number | null;
  /** Its failures in words when it is failing (runner's failingRuns), else absent. */
  failing?: string;
  dataPlane?: { vcpu: number; memoryMb: number };
  controlPlane?: { vcpu: number; memoryMb: number };
  /** Mesh (data + control plane) money per month at the scenario's prices or DEFAULT_PRICING. */
  monthly?: { total: number; currency: string };
  /** Why the mesh did not run (`--mesh all` left it out). */
  notRun?: string;
  calibration?: ProfileCalibration;
}

export interface DecisionSummary {
  /** The load the meshes are compared at, as chart titles say it ("at 300 requests/s"). */
  loadPhrase: string;
  rows: DecisionRow[];
  /** Whether the money is at the scenario's own prices or at DEFAULT_PRICING. */
  prices: "scenario" | "default";
  /** Whether a no-mesh run is there to measure added latencies against (`--mesh` without `none`: not). */
  hasBaseline: boolean;
}

/**
 * The summary of a results (or sweep) document; no rows when it holds only the baseline.
 * @example decisionSummary(document).rows.map((row) => row.addedP99Ms)
 */
export function decisionSummary(document: ReportDocument): DecisionSummary {
  const failing = failingRuns(document.runs);
  const focus = focusRuns(document.runs);
  const baselineOf = (run: ChartRun) => focus.find((other) => other.mesh === "none" && variantLabel(other) === variantLabel(run) && other.rps === run.rps && !failing.has(other));
  const priced = document.runs.some((run) => run.resources.monthlyCost !== undefined);
  const rows: DecisionRow[] = focus
    .filter((run) => run.mesh !== "none")
    .map((run) => {
      const failure = failing.get(run);
      const baseline = baselineOf(run);
      const { dataPlane, controlPlane } = run.resources;
      const money = run.resources.monthlyCost ?? monthlyCost(run.resources, DEFAULT_PRICING);
      return {
        mesh: run.mesh,
        series: seriesLabel(run),
        ...(baseline && !failure ? addedFields(addedLatency(run.latencyMs, baseline.latencyMs, "p50"), addedLatency(run.latencyMs, baseline.latencyMs, "p99")) : {}),
        ...(failure ? { failing: describeFailure(failure) } : {}),
        dataPlane: { vcpu: dataPlane.vcpu, memoryMb: dataPlane.memoryMb },
        controlPlane: { vcpu: controlPlane.vcpu, memoryMb: controlPlane.memoryMb },
        monthly: { total: money.total, currency: money.currency },
        ...(document.calibration?.[run.mesh] ? { calibration: document.calibration[run.mesh] } : {}),
      };
    });
  for (const skipped of document.skippedMeshes ?? []) {
    rows.push({ mesh: skipped.mesh, series: seriesLabel(skipped), notRun: skipped.reason });
  }
  const hasBaseline = focus.some((run) => run.mesh === "none");
  return { loadPhrase: loadPhrase(focus), rows, prices: priced ? "scenario" : "default", hasBaseline };
}

/**
 * The summary as plain text for the terminal: a table, then the meshes that did not run, the
 * prices used and what "calibrated" means.
 * @example console.log(renderDecisionSummary(decisionSummary(document), { maxWidth: 100 }))
 */
export function renderDecisionSummary(summary: DecisionSummary, options: { maxWidth?: number } = {}): string {
  const ran = summary.rows.filter((row) => row.notRun === undefined);
  if (summary.rows.length === 0) return "";
  const currency = ran.find((row) => row.monthly)?.monthly?.currency ?? DEFAULT_PRICING.currency;
  const compared = summary.hasBaseline;
  const added = ran.map((row) => [addedCell(row, "p50"), addedCell(row, "p99")]);
  // Wrapped at its spaces, a figure keeps its interval whole ("(±0.0709)" never cut to "(±0.0…").
  const addedWrap = Math.max(6, ...added.flat().flatMap((text) => text.split(" ")).map((word) => word.length));
  const columns: TableColumn[] = [
    { head: "mesh" },
    ...(compared ? [{ head: "adds p50 ms", align: "right", wrapTo: addedWrap } as const, { head: "adds p99 ms", align: "right", wrapTo: addedWrap } as const] : []),
    { head: "fails", wrapTo: 12 },
    { head: "data plane vCPU / MB", align: "right", wrapTo: 8, dropRank: 2 },
    { head: "control plane vCPU / MB", align: "right", wrapTo: 8, dropRank: 1 },
    { head: `${currency} / month${summary.prices === "default" ? "*" : ""}`, align: "right", wrapTo: 7 },
    { head: "latency / CPU / memory numbers", wrapTo: 12, dropRank: 3 },
  ];
  const cells = ran.map((row, index) => [
    row.series,
    ...(compared ? added[index] : []),
    row.failing ?? "none",
    row.dataPlane ? `${row.dataPlane.vcpu.toFixed(2)} / ${formatCount(row.dataPlane.memoryMb)}` : "-",
    row.controlPlane ? `${row.controlPlane.vcpu.toFixed(2)} / ${formatCount(row.controlPlane.memoryMb)}` : "-",
    // A failing mesh is cheap for what it does not serve: its money is not comparable.
    row.failing ? "failing" : row.monthly ? row.monthly.total.toFixed(2) : "-",
    calibrationWords(row.calibration),
  ]);
  const table = renderFittedTable(columns, cells, options);
  const halfWidths = ran.flatMap((row) => (row.addedP99Ms === undefined ? [] : [row.addedP50HalfWidthMs, row.addedP99HalfWidthMs]));
  const notes = [
    compared ? `decision summary ${summary.loadPhrase}, against no mesh at the same load:` : `decision summary ${summary.loadPhrase}: ${noBaselineWords(summary)}`,
    ...table.text.split("\n"),
    ...(table.hidden.length > 0 ? [hiddenColumnsNote(table.hidden)] : []),
    ...(halfWidths.some((width) => width !== null && width !== undefined)
      ? ["adds: the mesh's percentile minus no mesh's, ± the 95% interval of that difference over the replications; ≈0: the difference is within it, so it is noise, not the mesh's cost"]
      : []),
    ...(halfWidths.some((width) => width === 0) ? [EXACT_NOTE] : []),
    ...(halfWidths.some((width) => width === null)
      ? [`${NO_INTERVAL_MARK} = one replication, so no interval: the figure may be noise (--replications 2 or more gives one)`]
      : []),
    ...summary.rows.filter((row) => row.notRun !== undefined).map((row) => `not run: ${row.series}: ${row.notRun}`),
    ...(summary.prices === "default" ? [`* at default prices, ${DEFAULT_PRICING.currency} ${DEFAULT_PRICING.vcpuHour} per vCPU-hour and ${DEFAULT_PRICING.gbHour} per GB-hour of memory: the scenario sets no pricing`] : []),
    "numbers: calibrated = measured, or fitted to a measurement (models/SOURCES.md); estimate = reasoned, not measured (meshsim meshes --json, profiles' sources)",
  ];
  return notes.flatMap((line) => (/^[┌│├└]/.test(line) ? [line] : wrapLines([line], options.maxWidth))).join("\n");
}

/**
 * "calibrated / estimate / calibrated": the standing of latency, CPU and memory in that order.
 * @example calibrationWords({ latency: { status: "calibrated", ... }, ... }) // "calibrated / calibrated / estimate"
 */
export function calibrationWords(calibration: ProfileCalibration | undefined): string {
  if (calibration === undefined) return "-";
  const word = (entry: CalibrationEntry | undefined) => entry?.status ?? "-";
  return `${word(calibration.latency)} / ${word(calibration.cpu)} / ${word(calibration.memory)}`;
}

/**
 * Why no mesh has an added latency when there is no no-mesh run (the columns would be all "-"),
 * and how to get one; undefined when there is one.
 * @example noBaselineWords(summary) // "there is no no-mesh run to compare latency with; add none to --mesh (--mesh none,istio) to see what each mesh adds"
 */
export function noBaselineWords(summary: DecisionSummary): string | undefined {
  if (summary.hasBaseline) return undefined;
  const meshes = [...new Set(summary.rows.filter((row) => row.notRun === undefined).map((row) => row.mesh))];
  return `there is no no-mesh run to compare latency with; add none to --mesh (--mesh none,${meshes.join(",")}) to see what each mesh adds`;
}

// --- internal ---

function addedFields(p50: AddedLatency, p99: AddedLatency): Partial<DecisionRow> {
  return { addedP50Ms: p50.ms, addedP99Ms: p99.ms, addedP50HalfWidthMs: p50.halfWidthMs, addedP99HalfWidthMs: p99.halfWidthMs };
}

function addedCell(row: DecisionRow, statistic: "p50" | "p99"): string {
  if (row.failing) return "failing";
  const ms = statistic === "p50" ? row.addedP50Ms : row.addedP99Ms;
  const halfWidthMs = statistic === "p50" ? row.addedP50HalfWidthMs : row.addedP99HalfWidthMs;
  return ms === undefined ? "-" : formatAdded({ ms, halfWidthMs: halfWidthMs ?? null });
}
