/**
 * What `check` and `export` take as input: a results document, or a scenario (a file or a
 * built-in name) that is first simulated with `meshsim run`'s defaults, from the same flags
 * (_plan-flags.ts).
 */

import { existsSync, statSync } from "node:fs";
import type { Command } from "commander";
import { looksLikeResults, toResults } from "../../check/index.js";
import { runScenario, type ResultsDocument } from "../../runner/index.js";
import { readDocument, type Scenario } from "../../scenario/index.js";
import type { CliIo } from "../cli-io.js";
import { parsePositiveInteger } from "../parse-values.js";
import { createProgress } from "../progress.js";
import { UsageError } from "../usage-error.js";
import { DEFAULT_REPLICATIONS, DEFAULT_SEED, planFromFlags, type PlanFlags } from "./_plan-flags.js";

/** The `meshsim run` flags that shape a simulation, for commands that may run a scenario. */
export interface RunPlanFlags extends PlanFlags {
  workers?: string;
  quiet?: boolean;
}

/** The results to work on, how to name them in messages, and the scenario when one was run. */
export interface ResolvedInput {
  results: ResultsDocument;
  source: string;
  scenario?: Scenario;
}

const PLAN_FLAGS: Array<[keyof RunPlanFlags, string]> = [
  ["mesh", "--mesh"],
  ["rps", "--rps"],
  ["duration", "--duration"],
  ["warmup", "--warmup"],
  ["mtls", "--mtls"],
  ["seed", "--seed"],
  ["replications", "--replications"],
  ["workers", "--workers"],
  ["trafficConfig", "--traffic-config"],
];

/** Adds the run flags (no defaults here, so the command can tell what the user set). */
export function addRunPlanOptions(command: Command): Command {
  return command
    .option("--mesh <ids>", "scenario input: mesh ids separated by commas, or all (default: the scenario's, else all)")
    .option("--rps <n>", "scenario input: requests per second; several separated by commas")
    .option("--duration <time>", "scenario input: measured duration per run, e.g. 30s")
    .option("--warmup <time>", "scenario input: warm-up discarded before measuring")
    .option("--mtls <mode>", "scenario input: off, permissive or strict (default: each mesh's own)")
    .option("--seed <n>", `scenario input: random seed (default ${DEFAULT_SEED})`)
    .option("--replications <n>", `scenario input: replications per mesh and load (default ${DEFAULT_REPLICATIONS})`)
    .option("--workers <n>", "scenario input: worker threads (default: one per core)")
    .option("--traffic-config <files>", "scenario input: Kubernetes manifests to import as traffic rules, separated by commas");
}

/**
 * Reads a results document, or runs a scenario as `meshsim run` would.
 * @throws UsageError when run flags come with a results document
 * @throws ScenarioError for a bad file, field or flag
 */
export async function resolveInput(input: string, flags: RunPlanFlags, io: CliIo): Promise<ResolvedInput> {
  // A file is a results document when its fields say so, whatever its name; else a scenario.
  if (existsSync(input) && statSync(input).isFile()) {
    const document = readDocument(input);
    if (looksLikeResults(document.value)) {
      const used = PLAN_FLAGS.find(([key]) => flags[key] !== undefined);
      if (used) throw new UsageError(`${used[1]} applies when the input is a scenario; ${input} is a results document`);
      return { results: toResults(document.value, input), source: input };
    }
  }
  const plan = planFromFlags(input, flags);
  const showProgress = io.stderrIsTty && !flags.quiet;
  if (!flags.quiet) {
    const tasks = plan.meshes.length * plan.rates.length * plan.replications;
    io.stderr(`running ${plan.scenario.name}: ${plan.meshes.join(", ")} at ${plan.rates.join(", ")} rps, ${tasks} tasks\n`);
  }
  const results = await runScenario(plan, {
    workers: flags.workers !== undefined ? parsePositiveInteger(flags.workers, "--workers") : undefined,
    wallClock: io.now,
    signal: io.signal,
    onProgress: showProgress ? createProgress(io) : undefined,
  });
  return { results, source: `${plan.scenario.name} (simulated)`, scenario: plan.scenario };
}

