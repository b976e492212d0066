/**
 * What `check` and `export` take as input: a results document, or a scenario (a file or a
 * built-in name) that is first simulated with `meshsim run`'s defaults, from the same flags
 * (_plan-flags.ts).
 */

import { existsSync, statSync } from "node:fs";
import type { Command } from "commander";
import { looksLikeResults, toResults, type ResultsInput } from "../../check/index.js";
import { runScenario } from "../../runner/index.js";
import { MAX_RESULTS_BYTES, readDocument, type Scenario } from "../../scenario/index.js";
import type { CliIo } from "../cli-io.js";
import { parsePositiveInteger } from "../parse-values.js";
import { createProgress } from "../progress.js";
import { UsageError } from "../usage-error.js";
import { addPlanOptions, PLAN_OPTIONS, planFromFlags, skippedMeshNotes, type PlanFlags } from "./_plan-flags.js";

/** The `meshsim run` flags that shape a simulation, for commands that may run a scenario. */
export interface RunPlanFlags extends PlanFlags {
  workers?: string;
  quiet?: boolean;
}

/** The results to work on, how to name them in messages, and the scenario when one was run. */
export interface ResolvedInput {
  results: ResultsInput;
  source: string;
  scenario?: Scenario;
}

/** Adds the run flags (no defaults here, so the command can tell what the user set). */
export function addRunPlanOptions(command: Command): Command {
  return addPlanOptions(command, { unit: "run", scenarioInput: true });
}

/**
 * Reads a results document, or runs a scenario as `meshsim run` would.
 * @throws UsageError when run flags come with a results document
 * @throws ScenarioError for a bad file, field or flag
 */
export async function resolveInput(input: string, flags: RunPlanFlags, io: CliIo): Promise<ResolvedInput> {
  // A file is a results document when its fields say so, whatever its name; else a scenario.
  if (existsSync(input) && statSync(input).isFile()) {
    const document = readDocument(input, input, MAX_RESULTS_BYTES);
    if (looksLikeResults(document.value)) {
      const results = toResults(document.value, input);
      const used = PLAN_OPTIONS.find((option) => flags[option.key] !== undefined);
      if (used) throw new UsageError(`${used.flags.split(" ")[0]} applies when the input is a scenario; ${input} is a results document`);
      return { results, source: input };
    }
  }
  const plan = planFromFlags(input, flags);
  if (!flags.quiet) {
    const tasks = plan.meshes.length * plan.rates.length * plan.replications;
    io.stderr(`running ${plan.scenario.name}: ${plan.meshes.join(", ")} at ${plan.rates.join(", ")} rps, ${tasks} tasks\n`);
    for (const note of skippedMeshNotes(plan.skippedMeshes)) io.stderr(note);
  }
  const progress = createProgress(io, "tasks");
  const results = await runScenario(plan, {
    workers: flags.workers !== undefined ? parsePositiveInteger(flags.workers, "--workers") : undefined,
    wallClock: io.now,
    signal: io.signal,
    onProgress: flags.quiet ? undefined : progress.update,
  }).finally(progress.stop);
  return { results, source: `${plan.scenario.name} (simulated)`, scenario: plan.scenario };
}
