/**
 * `meshsim run <scenario>`: simulate the scenario under the chosen meshes and load points,
 * print the comparison table, and write the results document where asked.
 */

import { join } from "node:path";
import type { Command } from "commander";
import { renderComparisonTable, writeFileAtomic } from "../../report/index.js";
import { runScenario, type ResultsDocument } from "../../runner/index.js";
import { loadScenario, resolveMeshIds, type MtlsMode } from "../../scenario/index.js";
import type { CliIo } from "../cli-io.js";
import { parseChoice, parseDurationS, parseNonNegativeInteger, parsePositiveInteger, parseRateList } from "../parse-values.js";
import { drawProgress } from "../progress.js";
import { UsageError } from "../usage-error.js";

const MTLS_MODES = ["off", "permissive", "strict"] as const;
export const DEFAULT_REPLICATIONS = 4;
export const DEFAULT_SEED = 1;

interface RunFlags {
  mesh?: string;
  rps?: string;
  duration?: string;
  warmup?: string;
  mtls?: string;
  seed?: string;
  replications?: string;
  workers?: string;
  json?: string | boolean;
  out?: string;
  quiet?: boolean;
}

export function addRunCommand(program: Command, io: CliIo): void {
  program
    .command("run")
    .description("simulate a scenario under one or more meshes and print a comparison table")
    .argument("<scenario>", "a YAML or JSON scenario file, or a built-in name (meshsim scenarios)")
    .option("--mesh <ids>", "mesh ids separated by commas, or all (default: the scenario's, else all)")
    .option("--rps <n>", "requests per second (open loop); several separated by commas")
    .option("--duration <time>", "measured duration per run, e.g. 30s (default: the scenario's)")
    .option("--warmup <time>", "warm-up discarded before measuring, e.g. 2s (default: the scenario's)")
    .option("--mtls <mode>", "mTLS mode: off, permissive or strict (default: each mesh's own)")
    .option("--seed <n>", "random seed; the same seed gives the same results", String(DEFAULT_SEED))
    .option("--replications <n>", "independent replications per mesh and load", String(DEFAULT_REPLICATIONS))
    .option("--workers <n>", "worker threads (default: one per core)")
    .option("--json [file]", "write the results document to file, or to stdout without one")
    .option("--out <dir>", "write results.json into this folder")
    .option("--quiet", "no progress on stderr")
    .action(async (scenarioArgument: string, flags: RunFlags) => {
      const document = await simulate(scenarioArgument, flags, io);
      const json = `${JSON.stringify(document, null, 2)}\n`;
      if (flags.out !== undefined) writeFileAtomic(join(flags.out, "results.json"), json);
      if (typeof flags.json === "string") writeFileAtomic(flags.json, json);
      if (flags.json === true) io.stdout(json);
      else io.stdout(`${renderComparisonTable(document.runs)}\n`);
      if (flags.out !== undefined && !flags.quiet) io.stderr(`wrote ${join(flags.out, "results.json")}\n`);
    });
}

// --- internal ---

async function simulate(scenarioArgument: string, flags: RunFlags, io: CliIo): Promise<ResultsDocument> {
  const scenario = loadScenario(scenarioArgument);
  const meshes = flags.mesh ? resolveMeshIds([flags.mesh], { file: "", field: "--mesh" }) : (scenario.mesh.ids ?? resolveMeshIds(["all"], { file: "", field: "--mesh" }));
  if (flags.rps !== undefined && scenario.load.type === "closed") {
    throw new UsageError(`--rps applies to open-loop load; ${scenario.file} has a closed loop (load.connections users)`);
  }
  const rates = flags.rps !== undefined ? parseRateList(flags.rps, "--rps") : [scenario.load.ratePerSec];
  const mtls: MtlsMode | undefined = flags.mtls !== undefined ? parseChoice(flags.mtls, MTLS_MODES, "--mtls") : scenario.mesh.mtls;
  const workers = flags.workers !== undefined ? parsePositiveInteger(flags.workers, "--workers") : undefined;
  const showProgress = io.stderrIsTty && !flags.quiet && flags.json !== true;
  return runScenario(
    {
      scenario,
      meshes,
      mtls,
      rates,
      durationS: flags.duration !== undefined ? parseDurationS(flags.duration, "--duration") : scenario.load.durationS,
      warmupS: flags.warmup !== undefined ? parseDurationS(flags.warmup, "--warmup", { allowZero: true }) : scenario.load.warmupS,
      replications: parsePositiveInteger(flags.replications ?? String(DEFAULT_REPLICATIONS), "--replications"),
      seed: parseNonNegativeInteger(flags.seed ?? String(DEFAULT_SEED), "--seed"),
    },
    {
      workers,
      wallClock: io.now,
      onProgress: showProgress ? (done, total) => drawProgress(io, done, total) : undefined,
    },
  );
}
