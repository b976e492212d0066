/**
 * Runs a whole plan in this process: prepares it, runs every task on the worker pool and
 * assembles the results document.
 */

import type { MeshProfile } from "../mesh/index.js";
import { packageVersion } from "../scenario/index.js";
import { calibrationOf } from "./results/index.js";
import { assembleRuns } from "./summary/index.js";
import { executeTasks, workerCount, type ExecuteOptions } from "./execute-tasks.js";
import type { RunPlan } from "./plan/index.js";
import { prepareRun } from "./plan/index.js";
import { withTraces, type TraceOptions } from "./plan/index.js";
import { describeHost, RESULTS_SCHEMA_VERSION, type ResultsDocument, type ResultsMeta, type RunSummary } from "./results/index.js";

export interface RunOptions extends ExecuteOptions {
  /** Wall-clock milliseconds, for `meta.wallSeconds` only. */
  wallClock?: () => number;
  /** Write the sampled requests' spans, one file per task into `traces.folder` (see tracePartFiles). */
  traces?: TraceOptions;
}

/**
 * Simulates the plan and returns its results document.
 * @throws OverloadError before any simulation when a station's offered utilisation is >= 1
 * @throws TaskFailedError when a task fails (naming it); CancelledError when cancelled
 */
export async function runScenario(plan: RunPlan, options: RunOptions = {}): Promise<ResultsDocument> {
  const started = options.wallClock?.() ?? 0;
  const { tasks, profiles } = prepareRun(plan);
  const results = await executeTasks(withTraces(tasks, options.traces), options);
  return resultsDocument(plan, assembleRuns(plan, tasks, results), createMeta(options, started, workerCount(options.workers, tasks.length)), profiles);
}

/** The results document around assembled runs, with the calibration of the `profiles` that ran. */
export function resultsDocument(plan: RunPlan, runs: RunSummary[], meta: ResultsMeta, profiles: ReadonlyMap<string, MeshProfile>): ResultsDocument {
  const meshed = plan.meshes.filter((id) => id !== "none" && profiles.has(id));
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    meta,
    scenario: {
      name: plan.scenario.name,
      sha256: plan.scenario.sha256,
      ...(plan.scenario.imports ? { imports: plan.scenario.imports } : {}),
      ...(plan.scenario.notices ? { notices: plan.scenario.notices } : {}),
    },
    seed: plan.seed,
    runs,
    ...(meshed.length > 0 ? { calibration: Object.fromEntries(meshed.map((id) => [id, calibrationOf(profiles.get(id)!)])) } : {}),
    ...(plan.skippedMeshes?.length ? { skippedMeshes: plan.skippedMeshes } : {}),
  };
}

/**
 * `meta` for a run that started at `started` (wall-clock ms) and simulated on `workers` worker
 * threads (workerCount: what the pool really had, not what was asked; 0 when nothing was
 * simulated, as in a merge).
 */
export function createMeta(options: RunOptions, started: number, workers: number): ResultsMeta {
  const wallSeconds = options.wallClock ? Math.round((options.wallClock() - started) / 10) / 100 : 0;
  return { tool: "meshsim", version: packageVersion(), wallSeconds, workers, host: describeHost() };
}
