/**
 * `meshsim validate`: the model against queueing theory, against the published calibration
 * figures of the mesh profiles, its connection regimes against their expected handshake costs,
 * its traffic rules (retries, splits, budgets, timeouts) against closed-form results and its
 * autoscaler against the HorizontalPodAutoscaler's formula,
 * printed as predicted vs expected with errors. With
 * `--measured file`, the model against a real measurement instead (Fortio JSON or SMP results),
 * replayed from the matching `--scenario` under `--mesh` at the measured rate.
 */

import type { Command } from "commander";
import { renderMeasuredTable } from "../../check/index.js";
import { renderValidationTable, wrapLines } from "../../report/index.js";
import { loadScenario } from "../../import/index.js";
import { resolveMeshIds } from "../../scenario/index.js";
import {
  DEFAULT_REQUESTS_PER_CHECK,
  failsValidation,
  readMeasurement,
  runCalibrationChecks,
  runConnectionChecks,
  runMeasuredCheck,
  runNodeChecks,
  runTheoryChecks,
  runTrafficChecks,
  runRolloutChecks,
  runAutoscalingChecks,
  runStageChecks,
  runZoneChecks,
  runClusterChecks,
  type ValidationRow,
} from "../../validation/index.js";
import type { CliIo } from "../cli-io.js";
import { tableWidth, WIDE_HELP } from "../table-width.js";
import { EXIT_CHECK_FAILED } from "../exit-codes.js";
import { parseChoice, parseDurationS, parseNonNegativeInteger, parsePositiveInteger } from "../parse-values.js";
import { createProgress } from "../progress.js";
import { UsageError } from "../usage-error.js";
import { destroyKeptPool, type KeptPool } from "../../runner/index.js";

const PARTS = ["all", "theory", "nodes", "calibration", "connections", "traffic", "stages", "timeline", "autoscaling", "zones", "clusters"] as const;
const MTLS_MODES = ["off", "permissive", "strict"] as const;

interface ValidateFlags {
  /** Absent: every part. */
  only?: string;
  workers?: string;
  requests: string;
  json?: boolean;
  measured?: string;
  scenario?: string;
  mesh?: string;
  maxError?: string;
  mtls?: string;
  duration?: string;
  replications?: string;
  seed?: string;
  quiet?: boolean;
  wide?: boolean;
}

/** Flags that only mean something with --measured. */
const MEASURED_FLAGS: Array<[keyof ValidateFlags, string]> = [
  ["scenario", "--scenario"],
  ["mesh", "--mesh"],
  ["maxError", "--max-error"],
  ["mtls", "--mtls"],
  ["duration", "--duration"],
  ["replications", "--replications"],
  ["seed", "--seed"],
];

export function addValidateCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command("validate")
    .description("check the simulator against queueing theory, the published mesh figures and closed-form traffic results, or against your own measurement (--measured)")
    .option("--only <part>", "theory, nodes, calibration, connections, traffic, stages, timeline, autoscaling, zones or clusters (default: all ten)")
    .option("--workers <n>", "worker threads (default: one per core)")
    .option("--requests <n>", "simulated requests per theory check", String(DEFAULT_REQUESTS_PER_CHECK))
    .option("--json", "print the rows as JSON")
    .option("--measured <file>", "a real measurement to compare with: Fortio result JSON, or SMP results")
    .option("--scenario <scenario>", "with --measured: the scenario that matches the measured setup (file or built-in name)")
    .option("--mesh <id>", "with --measured: the mesh the measurement ran under")
    .option("--max-error <pct>", "with --measured: fail (exit 3) when any error is larger, e.g. 20%")
    .option("--mtls <mode>", "with --measured: off, permissive or strict (default: the mesh's own)")
    .option("--duration <time>", "with --measured: simulated time per replication (default: the scenario's)")
    .option("--replications <n>", "with --measured: replications (default 4)")
    .option("--seed <n>", "with --measured: random seed (default 1)")
    .option("--quiet", "no progress on stderr")
    .option("--wide", WIDE_HELP)
    .action(async (flags: ValidateFlags) => {
      if (flags.measured !== undefined) {
        await validateMeasured(flags.measured, flags, io, setExitCode);
        return;
      }
      const stray = MEASURED_FLAGS.find(([key]) => flags[key] !== undefined);
      if (stray) throw new UsageError(`${stray[1]} applies with --measured <file>`);
      const part = parseChoice(flags.only ?? "all", PARTS, "--only");
      const workers = flags.workers !== undefined ? parsePositiveInteger(flags.workers, "--workers") : undefined;
      const requestsPerCheck = parsePositiveInteger(flags.requests, "--requests");
      const rows: ValidationRow[] = [];
      // One pool of worker threads for every check: started, loaded and compiled once.
      const keptPool: KeptPool = {};
      const options = { workers, keptPool };
      try {
        if (part === "all" || part === "theory") rows.push(...(await runTheoryChecks({ ...options, requestsPerCheck })));
        if (part === "all" || part === "nodes") rows.push(...(await runNodeChecks(options)));
        if (part === "all" || part === "calibration") rows.push(...(await runCalibrationChecks(options)));
        if (part === "all" || part === "connections") rows.push(...(await runConnectionChecks(options)));
        if (part === "all" || part === "traffic") rows.push(...(await runTrafficChecks(options)));
        if (part === "all" || part === "stages") rows.push(...(await runStageChecks(options)));
        if (part === "all" || part === "timeline") rows.push(...(await runRolloutChecks(options)));
        if (part === "all" || part === "autoscaling") rows.push(...(await runAutoscalingChecks(options)));
        if (part === "all" || part === "zones") rows.push(...(await runZoneChecks(options)));
        if (part === "all" || part === "clusters") rows.push(...(await runClusterChecks(options)));
      } finally {
        await destroyKeptPool(keptPool);
      }
      io.stdout(flags.json ? `${JSON.stringify(rows, null, 2)}\n` : `${renderValidationTable(rows, { maxWidth: tableWidth(flags, io) })}\n`);
      if (rows.some(failsValidation)) setExitCode(EXIT_CHECK_FAILED);
    });
}

// --- internal ---

async function validateMeasured(file: string, flags: ValidateFlags, io: CliIo, setExitCode: (code: number) => void): Promise<void> {
  if (flags.scenario === undefined) throw new UsageError("--measured needs --scenario <scenario>: the scenario that matches the measured setup");
  if (flags.mesh === undefined) throw new UsageError("--measured needs --mesh <id>: the mesh the measurement ran under (none for no mesh)");
  if (flags.only !== undefined && flags.only !== "all") throw new UsageError("--only applies without --measured");
  const maxErrorPct = flags.maxError !== undefined ? parsePercent(flags.maxError, "--max-error") : undefined;
  const meshes = resolveMeshIds([flags.mesh], { file: "", field: "--mesh" });
  // A measurement ran under one mesh: a list (or all) would compare it with the first one alone.
  if (meshes.length !== 1) throw new UsageError(`--mesh with --measured names the one mesh the measurement ran under, got ${JSON.stringify(flags.mesh)}`);
  const [mesh] = meshes;
  const measurement = readMeasurement(file);
  const scenario = loadScenario(flags.scenario);
  const progress = createProgress(io, "tasks");
  const check = await runMeasuredCheck(measurement, {
    scenario,
    mesh,
    mtls: flags.mtls !== undefined ? parseChoice(flags.mtls, MTLS_MODES, "--mtls") : scenario.mesh.mtls,
    durationS: flags.duration !== undefined ? parseDurationS(flags.duration, "--duration") : undefined,
    replications: flags.replications !== undefined ? parsePositiveInteger(flags.replications, "--replications") : undefined,
    seed: flags.seed !== undefined ? parseNonNegativeInteger(flags.seed, "--seed") : undefined,
    maxErrorPct,
    workers: flags.workers !== undefined ? parsePositiveInteger(flags.workers, "--workers") : undefined,
    signal: io.signal,
    onProgress: flags.quiet || flags.json ? undefined : progress.update,
  }).finally(progress.stop);
  if (flags.json) {
    // JSON has no Infinity: a row without a target says so with null.
    const rows = check.rows.map((row) => (Number.isFinite(row.tolerancePct) ? row : { ...row, tolerancePct: null }));
    io.stdout(`${JSON.stringify({ measured: file, format: measurement.format, mesh, rps: check.rps, rows }, null, 2)}\n`);
  } else {
    const maxWidth = tableWidth(flags, io);
    const heading = wrapLines([`${measurement.format} measurement ${file} vs ${scenario.name} under ${mesh} at ${check.rps} rps`], maxWidth).join("\n");
    io.stdout(`${heading}\n${renderMeasuredTable(check.rows, { maxWidth })}\n`);
  }
  if (check.rows.some((row) => !row.pass)) setExitCode(EXIT_CHECK_FAILED);
}

/** `20%` or `20`: a percentage above 0. */
function parsePercent(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*%?$/.exec(text.trim());
  const value = match ? Number(match[1]) : NaN;
  if (!(value > 0)) throw new UsageError(`${flag} must be a percentage above 0 like 20%, got ${JSON.stringify(text)}`);
  return value;
}
