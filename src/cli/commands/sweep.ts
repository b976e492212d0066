/**
 * `meshsim sweep <scenario>`: curves over load (`--rps` list or range) and over scenario values
 * (`--set path=v1,v2`); with `--slo`, each mesh's highest load within the SLO. With `--shard i/N`
 * it runs every N-th (variant, mesh) and writes a shard document for `meshsim merge`.
 */

import { join } from "node:path";
import type { Command } from "commander";
import { formatMs, preloadChartRenderer, renderSweepTable, withOutputBatch, writeReport } from "../../report/index.js";
import {
  loadScenarioVariants,
  parseSetting,
  parseSlo,
  runSweep,
  runSweepShard,
  sloStatisticLabel,
  type LoadPoints,
  type ParameterSetting,
  type Slo,
  type SweepPlan,
  type SweepPoint,
} from "../../sweep/index.js";
import { describeFailure, runFailure } from "../../runner/index.js";
import { FORBIDDEN_KEYS } from "../../scenario/index.js";
import type { CliIo } from "../cli-io.js";
import { tableWidth, WIDE_HELP } from "../table-width.js";
import { probeOutputFiles, reportOutputs, STDOUT_FILE } from "../output-file.js";
import { createProgress } from "../progress.js";
import { parseDurationS, parsePositiveInteger, parseRps, parseShard } from "../parse-values.js";
import { UsageError } from "../usage-error.js";
import { addPlanOptions, meshesAreAll, meshesFrom, mtlsFrom, refuseRpsOnClosedLoop, replicationsFrom, seedFrom, trafficConfigFrom } from "./_plan-flags.js";


interface SweepFlags {
  mesh?: string;
  rps?: string;
  set: string[];
  slo?: string;
  duration?: string;
  warmup?: string;
  mtls?: string;
  seed?: string;
  replications?: string;
  trafficConfig?: string;
  allowOutsideFiles?: boolean;
  workers?: string;
  json?: string | boolean;
  out?: string;
  shard?: string;
  quiet?: boolean;
  wide?: boolean;
}

export function addSweepCommand(program: Command, io: CliIo): void {
  const command = program
    .command("sweep")
    .description("run a scenario over loads or scenario values; with --slo, find each mesh's highest load within it")
    .argument("<scenario>", "a YAML or JSON scenario file, or a built-in name (meshsim scenarios)");
  addPlanOptions(command, { unit: "point", rpsHelp: "loads in requests/s: a list (100,200,400) or a range start..end:step (100..1000:100)" })
    .option("--set <path=values>", "scenario values to sweep, e.g. services.2.replicas=1,2,3 (repeat for more; all combinations run)", collect, [])
    .option("--slo <objective>", "latency objective like p99<50ms (p50, p90, p99, p999 or mean; ms or s): report each mesh's highest load within it")
    .option("--json [file]", "write the sweep document to file (- or none: stdout, instead of the table)")
    .option("--out <dir>", "write results.json and the report (charts, report.html) into this folder")
    .option("--shard <i/N>", "run only every N-th (--set variant, mesh), from the i-th, and write a shard document (see meshsim merge)")
    .option("--quiet", "no progress on stderr")
    .option("--wide", WIDE_HELP)
    .action(async (scenarioArgument: string, flags: SweepFlags) => {
      if (flags.json === STDOUT_FILE) flags.json = true;
      const plan = planFrom(scenarioArgument, flags);
      const shard = flags.shard !== undefined ? parseShard(flags.shard) : undefined;
      const fileInOut = shard !== undefined ? `shard-${shard.index}-of-${shard.count}.json` : "results.json";
      // A file that cannot be written fails now, not after the sweep.
      const report = reportOutputs(shard === undefined ? flags.out : undefined);
      probeOutputFiles([["--json", flags.json, "document"], ["--out", flags.out && join(flags.out, fileInOut), "document"], ...report.files], report.folders);
      const quiet = flags.quiet || flags.json === true;
      // The bar counts points; the points to refine an SLO's bracket are only known as they come.
      const progress = createProgress(io, "points");
      const units = plan.variants.length * plan.meshes.length;
      let planned = (shard ? Math.ceil(Math.max(units - shard.index + 1, 0) / shard.count) : units) * (plan.loadPoints?.rates.length ?? 1);
      let done = 0;
      const options = {
        workers: flags.workers !== undefined ? parsePositiveInteger(flags.workers, "--workers") : undefined,
        wallClock: io.now,
        signal: io.signal,
        onPoint: quiet
          ? undefined
          : (point: SweepPoint) => {
              progress.log(describePoint(point, plan.slo));
              if (point.refining) planned++;
              done++;
              progress.update(done, Math.max(planned, done));
            },
      };
      const finish = <T>(finished: T): T => {
        // Loads above an overloaded one are not run: the sweep is complete all the same.
        if (done > 0) progress.update(done, done);
        return finished;
      };
      if (shard !== undefined) {
        const shardDocument = await runSweepShard(plan, shard, options).then(finish).finally(progress.stop);
        const json = `${JSON.stringify(shardDocument)}\n`;
        await withOutputBatch(io.signal, (batch) => {
          if (typeof flags.json === "string") batch.stage(flags.json, json);
          if (flags.out !== undefined) batch.stage(join(flags.out, fileInOut), json);
        });
        if (flags.out !== undefined && !flags.quiet) io.stderr(`wrote ${join(flags.out, fileInOut)}\n`);
        // Nowhere else to go: the shard document goes to stdout.
        if (flags.json === true || (flags.json === undefined && flags.out === undefined)) io.stdout(json);
        return;
      }
      if (flags.out !== undefined) preloadChartRenderer();
      const document = await runSweep(plan, options).then(finish).finally(progress.stop);
      const json = `${JSON.stringify(document, null, 2)}\n`;
      const out = flags.out;
      // The document and the report are put in place together, or none is.
      const htmlPath = await withOutputBatch(io.signal, async (batch) => {
        if (typeof flags.json === "string") batch.stage(flags.json, json);
        if (out === undefined) return undefined;
        batch.stage(join(out, "results.json"), json);
        return (await writeReport(out, document, batch)).htmlPath;
      });
      if (flags.json === true) io.stdout(json);
      else io.stdout(`${renderSweepTable(document, { maxWidth: tableWidth(flags, io) })}\n`);
      if (out !== undefined && htmlPath !== undefined) {
        if (!flags.quiet) io.stderr(`wrote ${join(out, "results.json")}\n`);
        if (flags.json === true) {
          if (!flags.quiet) io.stderr(`report: ${htmlPath}\n`);
        } else io.stdout(`\nreport: ${htmlPath}\n`);
      }
    });
}

// --- internal ---

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function planFrom(scenarioArgument: string, flags: SweepFlags): SweepPlan {
  const loadPoints = flags.rps !== undefined ? parseRps(flags.rps, "--rps") : undefined;
  const settings = flags.set.map((text) => usage("--set", () => parseSetting(text)));
  for (const setting of settings) refuseBadSetting(setting);
  const repeated = settings.find((setting, index) => settings.findIndex((other) => other.path === setting.path) !== index);
  if (repeated) throw new UsageError(`--set names ${repeated.path} twice; give all its values in one --set`);
  refuseFlagAndSetting(settings, flags);
  const slo: Slo | undefined = flags.slo !== undefined ? usage("--slo", () => parseSlo(flags.slo!)) : undefined;
  if (slo && loadPoints === undefined) throw new UsageError("--slo needs --rps: the loads to search, e.g. --rps 100..1000:100");
  if (loadPoints === undefined && settings.length === 0) {
    throw new UsageError("sweep needs --rps (loads, e.g. 100..1000:100) or --set (scenario values, e.g. services.2.replicas=1,2,3)");
  }
  const variants = usage("--set", () => loadScenarioVariants(scenarioArgument, settings, { trafficConfig: trafficConfigFrom(flags.trafficConfig), allowOutsideFiles: flags.allowOutsideFiles === true }));
  const scenario = variants[0].scenario;
  if (loadPoints !== undefined) refuseRpsOnClosedLoop(scenario);
  return {
    variants,
    settings: settings as ParameterSetting[],
    meshes: meshesFrom(flags.mesh, scenario),
    mtls: mtlsFrom(flags.mtls, scenario),
    loadPoints: loadPoints as LoadPoints | undefined,
    durationS: flags.duration !== undefined ? parseDurationS(flags.duration, "--duration") : undefined,
    warmupS: flags.warmup !== undefined ? parseDurationS(flags.warmup, "--warmup", { allowZero: true }) : undefined,
    replications: replicationsFrom(flags.replications),
    seed: seedFrom(flags.seed),
    slo,
    skipInexpressible: meshesAreAll(flags.mesh, scenario),
  };
}

/** Scenario fields a flag sets for every run, over whatever the scenario (or a --set variant) holds. */
const FIELDS_FLAGS_SET: ReadonlyArray<{ path: string; flag: string; given: (flags: SweepFlags) => boolean }> = [
  { path: "load.ratePerSec", flag: "--rps", given: (flags) => flags.rps !== undefined },
  { path: "load.durationS", flag: "--duration", given: (flags) => flags.duration !== undefined },
  { path: "load.warmupS", flag: "--warmup", given: (flags) => flags.warmup !== undefined },
  { path: "mesh.mtls", flag: "--mtls", given: (flags) => flags.mtls !== undefined },
];

/** A --set on a field a flag also sets would run every value as the flag's, under labels that differ. */
function refuseFlagAndSetting(settings: readonly ParameterSetting[], flags: SweepFlags): void {
  for (const { path, flag, given } of FIELDS_FLAGS_SET) {
    if (given(flags) && settings.some((setting) => setting.path === path)) {
      throw new UsageError(`--set ${path} and ${flag} set the same field, and ${flag} would replace every --set value: drop one of them`);
    }
  }
}

/** A path reaching an object's prototype, or a value given twice (which would run twice). */
function refuseBadSetting(setting: ParameterSetting): void {
  const forbidden = setting.path.split(".").find((segment) => FORBIDDEN_KEYS.has(segment));
  if (forbidden) throw new UsageError(`--set path ${setting.path} is not allowed: __proto__, constructor and prototype cannot be keys`);
  const repeated = setting.values.find((value, index) => setting.values.indexOf(value) !== index);
  if (repeated !== undefined) throw new UsageError(`--set names ${setting.path}=${repeated} twice`);
}

/** Runs a parser whose RangeError names what is wrong, as a UsageError that also names the flag. */
function usage<T>(flag: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(`${flag} ${error.message}`);
    throw error;
  }
}

function describePoint(point: SweepPoint, slo: Slo | undefined): string {
  const variant = point.parameters ? ` (${Object.entries(point.parameters).map(([path, value]) => `${path}=${value}`).join(", ")})` : "";
  // A closed loop offers no rate: its load is its users (and the rate they achieved).
  const load = point.run?.users !== undefined ? `${point.run.users} users (${point.run.throughputPerSec} requests/s achieved)` : `${point.rps} rps`;
  const where = `sweep: ${point.mesh}${variant} @ ${load}${point.refining ? " (refining)" : ""}`;
  if (!point.run) return `${where}: overloaded, not simulated\n`;
  const failure = point.failing ? runFailure(point.run) : undefined;
  if (failure) return `${where}: failing, ${describeFailure(failure)}${slo ? `, misses ${slo.text}` : ""}\n`;
  const statistic = slo?.statistic ?? "p99";
  const verdict = slo ? (point.passes ? `, meets ${slo.text}` : `, misses ${slo.text}`) : "";
  return `${where}: ${sloStatisticLabel(statistic)} ${formatMs(point.run.latencyMs[statistic])} ms${verdict}\n`;
}
