/**
 * `meshsim report <results.json> [--out dir]`: charts (vega-lite JSON, SVG, PNG) and a
 * self-contained report.html from a results document of `run`, `merge` or `sweep`, beside the
 * document unless `--out` says where.
 */

import { dirname } from "node:path";
import type { Command } from "commander";
import { withOutputBatch, writeReport, type ReportDocument } from "../../report/index.js";
import { MAX_RESULTS_BYTES, readDocument, ScenarioError } from "../../scenario/index.js";
import type { CliIo } from "../cli-io.js";

export function addReportCommand(program: Command, io: CliIo): void {
  program
    .command("report")
    .description("write charts (vega-lite JSON, SVG, PNG) and a self-contained report.html from a results document")
    .argument("<results.json>", "a results document (meshsim run --json, meshsim merge, meshsim sweep --json)")
    .option("--out <dir>", "folder for charts/ and report.html, created if needed (default: the folder the document is in)")
    .action(async (file: string, flags: { out?: string }) => {
      const document = readResultsDocument(file);
      // Next to its input, as run --out lays them out: out/results.json, out/report.html, out/charts/.
      const { htmlPath } = await withOutputBatch(io.signal, (batch) => writeReport(flags.out ?? dirname(file), document, batch));
      // The report is this command's result: its path on stdout, for `open "$(meshsim report …)"`.
      io.stdout(`${htmlPath}\n`);
    });
}

/**
 * Reads and checks a results document: enough of its shape for the report, each problem
 * naming the file and the field.
 * @throws ScenarioError for a missing file, bad JSON, a shard document or a missing field
 * @example readResultsDocument("out/results.json").runs.length
 */
export function readResultsDocument(file: string): ReportDocument {
  const value = readDocument(file, file, MAX_RESULTS_BYTES).value as Record<string, unknown>;
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ScenarioError(file, "", "is not a results document (an object with runs)");
  if (value.kind === "meshsim-shard") throw new ScenarioError(file, "kind", "is meshsim-shard: this is one shard of a run; merge the shards first (meshsim merge)");
  if (value.schemaVersion !== 1) throw new ScenarioError(file, "schemaVersion", `must be 1, got ${JSON.stringify(value.schemaVersion)}`);
  const scenario = value.scenario as Record<string, unknown> | undefined;
  if (typeof scenario?.name !== "string" || typeof scenario.sha256 !== "string") throw new ScenarioError(file, "scenario", "must have a name and a sha256");
  if (typeof value.seed !== "number") throw new ScenarioError(file, "seed", "must be a number");
  // A sweep may hold no run when every load it tried would overload a station (sweep.overloaded lists them).
  const sweep = value.sweep as Record<string, unknown> | undefined;
  const allOverloaded = Array.isArray(sweep?.overloaded) && sweep.overloaded.length > 0;
  if (!Array.isArray(value.runs) || (value.runs.length === 0 && !allOverloaded)) throw new ScenarioError(file, "runs", "must be a non-empty list (write one with meshsim run --json file)");
  value.runs.forEach((run: Record<string, unknown>, index: number) => checkRun(file, `runs[${index}]`, run));
  if (sweep !== undefined) checkSweep(file, sweep);
  const skipped = value.skippedMeshes;
  if (skipped !== undefined && (!Array.isArray(skipped) || !skipped.every((entry) => typeof entry?.mesh === "string" && typeof entry?.reason === "string"))) {
    throw new ScenarioError(file, "skippedMeshes", "must be a list of { mesh, reason }");
  }
  return value as unknown as ReportDocument;
}

// --- internal ---

function checkRun(file: string, field: string, run: Record<string, unknown>): void {
  if (typeof run !== "object" || run === null) throw new ScenarioError(file, field, "must be an object");
  const fail = (path: string, problem: string) => {
    throw new ScenarioError(file, `${field}.${path}`, problem);
  };
  if (typeof run.mesh !== "string") fail("mesh", "must be a mesh id");
  if (typeof run.mtls !== "string") fail("mtls", "must be a string");
  for (const key of ["rps", "durationS", "replications"]) if (typeof run[key] !== "number") fail(key, "must be a number");
  const latency = run.latencyMs as Record<string, unknown> | undefined;
  const requests = run.requests as Record<string, unknown> | undefined;
  // A run that completed nothing (every request refused) has no percentiles: JSON writes them as null.
  const nothingCompleted = requests?.completed === 0;
  for (const key of ["mean", "p50", "p90", "p99", "p999", "max"]) {
    const value = latency?.[key];
    if (typeof value !== "number" && !(nothingCompleted && value === null)) fail(`latencyMs.${key}`, "must be a number");
  }
  // The summary pairs these replication by replication: a list that is not one number per
  // replication would pair the wrong ones.
  const perReplication = latency?.replications as Record<string, unknown> | undefined;
  if (perReplication !== undefined) {
    for (const key of ["p50", "p99"]) {
      const values = perReplication?.[key];
      if (!Array.isArray(values) || values.length !== run.replications || !values.every((value) => typeof value === "number")) {
        fail(`latencyMs.replications.${key}`, `must be a list of ${String(run.replications)} numbers, one per replication`);
      }
    }
  }
  for (const key of ["completed", "failed"]) if (typeof requests?.[key] !== "number") fail(`requests.${key}`, "must be a number");
  if (!Array.isArray(run.hops)) fail("hops", "must be a list");
  if (typeof run.byRequestType !== "object" || run.byRequestType === null) fail("byRequestType", "must be an object");
  if (!Array.isArray(run.warnings) || !run.warnings.every((warning) => typeof warning === "string")) fail("warnings", "must be a list of text");
  const resources = run.resources as Record<string, Record<string, unknown>> | undefined;
  for (const [part, keys] of [["dataPlane", ["vcpu", "memoryMb"]], ["controlPlane", ["vcpu", "memoryMb"]], ["app", ["vcpu"]]] as const) {
    for (const key of keys) if (typeof resources?.[part]?.[key] !== "number") fail(`resources.${part}.${key}`, "must be a number");
  }
  const cost = resources?.monthlyCost;
  if (cost !== undefined) {
    for (const key of ["dataPlane", "controlPlane", "total"]) if (typeof cost?.[key] !== "number") fail(`resources.monthlyCost.${key}`, "must be a number");
    if (typeof cost?.currency !== "string") fail("resources.monthlyCost.currency", "must be a string");
  }
  if (run.timeline !== undefined) checkTimeline(run.timeline, fail);
}

/** What the report reads of a sweep: its loads, its SLO and per mesh the capacity found, and the loads not simulated. */
function checkSweep(file: string, sweep: unknown): void {
  const fail = (path: string, problem: string) => {
    throw new ScenarioError(file, path ? `sweep.${path}` : "sweep", problem);
  };
  if (typeof sweep !== "object" || sweep === null || Array.isArray(sweep)) return fail("", "must be an object");
  const info = sweep as Record<string, unknown>;
  if (!Array.isArray(info.rates) || !info.rates.every((rate) => typeof rate === "number")) fail("rates", "must be a list of numbers");
  if (!Array.isArray(info.overloaded)) fail("overloaded", "must be a list");
  (info.overloaded as Array<Record<string, unknown> | null>).forEach((point, index) => {
    if (typeof point?.mesh !== "string" || typeof point?.rps !== "number" || typeof point?.reason !== "string") fail(`overloaded[${index}]`, "must be { mesh, rps, reason }");
  });
  const slo = info.slo as Record<string, unknown> | undefined;
  if (slo !== undefined && (typeof slo?.text !== "string" || typeof slo?.statistic !== "string" || typeof slo?.thresholdMs !== "number")) fail("slo", "must be { text, statistic, thresholdMs, inclusive }");
  if (info.capacity === undefined) return;
  if (!Array.isArray(info.capacity)) return fail("capacity", "must be a list");
  (info.capacity as Array<Record<string, unknown> | null>).forEach((entry, index) => {
    if (typeof entry?.mesh !== "string") return fail(`capacity[${index}].mesh`, "must be a string");
    for (const key of ["maxRps", "valueMs", "firstFailingRps"]) if (typeof entry[key] !== "number" && entry[key] !== null) fail(`capacity[${index}].${key}`, "must be a number or null");
  });
}

/** What the charts over time draw of each interval; a percentile is null when nothing completed in it. */
function checkTimeline(timeline: unknown, fail: (path: string, problem: string) => void): void {
  if (!Array.isArray(timeline)) return fail("timeline", "must be a list");
  timeline.forEach((entry: Record<string, unknown> | null, index) => {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return fail(`timeline[${index}]`, "must be an object");
    for (const key of ["atS", "durationS", "offeredPerSec", "completedPerSec", "failedPerSec"]) if (typeof entry[key] !== "number") fail(`timeline[${index}].${key}`, "must be a number");
    for (const key of ["p50Ms", "p99Ms"]) if (typeof entry[key] !== "number" && entry[key] !== null) fail(`timeline[${index}].${key}`, "must be a number or null");
  });
}
