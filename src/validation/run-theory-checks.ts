/**
 * Runs the theory checks and reports each figure as predicted vs expected with its error, the
 * table `meshsim validate` prints and the test suite asserts on.
 */

import { assembleRuns, executeTasks, prepareRun, summarizeRun, type ExecuteOptions, type RunPlan, type RunSummary } from "../runner/index.js";
import { theoryChecks, type ExpectedFigure, type TheoryCheck } from "./theory-checks.js";
import { compareFigure, type ValidationRow } from "./validation-row.js";

/** Simulated requests per theory check by default: enough for p99 within 2% at utilisation 0.8. */
export const DEFAULT_REQUESTS_PER_CHECK = 16_000_000;

export interface TheoryCheckOptions extends ExecuteOptions {
  requestsPerCheck?: number;
  /** Requests of the named checks, instead of `requestsPerCheck` (the test suite sizes each check). */
  requestsByCheck?: Record<string, number>;
  replications?: number;
  seed?: number;
  only?: (check: TheoryCheck) => boolean;
  /** The checks to run, sized per replication (default: the queueing-theory checks). */
  checksFor?: (requestsPerReplication: number) => TheoryCheck[];
  /** The group the rows are listed under (default "queueing theory"). */
  group?: string;
}

/** A figure's row with what its sampling error is judged from. */
export interface TheoryMeasurement {
  check: TheoryCheck;
  figure: ExpectedFigure;
  row: ValidationRow;
  /** Requests measured over all replications (completed in the window). */
  requests: number;
  /** The figure as each replication alone measured it. */
  byReplication: number[];
}

/**
 * Simulates every theory check (each split into `replications` tasks) and compares.
 * @example (await runTheoryChecks({ workers: 2 })).every((row) => row.pass)
 */
export async function runTheoryChecks(options: TheoryCheckOptions = {}): Promise<ValidationRow[]> {
  return (await measureTheoryChecks(options)).map((measurement) => measurement.row);
}

/**
 * `runTheoryChecks` with each row's measured requests and per-replication figures, from which
 * its standard error can be judged. Every check's tasks run on one worker pool, started once.
 * @throws RangeError when `requestsByCheck` names a check that is not among the checks
 * @example (await measureTheoryChecks({ requestsPerCheck: 1e6 })).map((m) => m.byReplication)
 */
export async function measureTheoryChecks(options: TheoryCheckOptions = {}): Promise<TheoryMeasurement[]> {
  const replications = options.replications ?? 8;
  const checksFor = options.checksFor ?? theoryChecks;
  const requests = options.requestsPerCheck ?? DEFAULT_REQUESTS_PER_CHECK;
  const sized = options.requestsByCheck ?? {};
  const checks = checksFor(requests / replications);
  for (const name of Object.keys(sized)) {
    if (!checks.some((check) => check.name === name)) throw new RangeError(`requestsByCheck names unknown check ${JSON.stringify(name)}`);
  }
  const selected = checks
    .filter(options.only ?? (() => true))
    .map((check) => (check.name in sized ? checksFor(sized[check.name] / replications).find((other) => other.name === check.name)! : check));
  const prepared = selected.map((check) => {
    const plan = planOf(check, replications, options.seed ?? 1);
    return { check, plan, tasks: prepareRun(plan).tasks };
  });
  const results = await executeTasks(prepared.flatMap((p) => p.tasks), { workers: options.workers, keptPool: options.keptPool });
  const measurements: TheoryMeasurement[] = [];
  let first = 0;
  for (const { check, plan, tasks } of prepared) {
    const own = results.slice(first, first + tasks.length);
    first += tasks.length;
    const [run] = assembleRuns(plan, tasks, own);
    const single = own.map((result, i) => summarizeRun({ mesh: tasks[i].meshId, mtls: tasks[i].mtls, rps: tasks[i].ratePerSec, durationS: tasks[i].durationS }, [result]));
    for (const figure of check.figures) {
      const what = { group: options.group ?? "queueing theory", check: check.name, metric: figure.metric, basis: check.basis };
      measurements.push({
        check,
        figure,
        row: compareFigure(what, measured(run, figure.metric), figure.expected, figure.tolerancePct),
        requests: run.requests.completed,
        byReplication: single.map((summary) => measured(summary, figure.metric)),
      });
    }
  }
  return measurements;
}

// --- internal ---

function planOf(check: TheoryCheck, replications: number, seed: number): RunPlan {
  const { load } = check.scenario;
  return {
    scenario: check.scenario,
    meshes: ["none"],
    mtls: "off",
    rates: [check.ratePerSec],
    durationS: load.durationS,
    warmupS: load.warmupS,
    replications,
    seed,
  };
}

function measured(run: RunSummary, metric: string): number {
  if (metric === "throughputPerSec") return run.throughputPerSec;
  if (metric === "mean") return run.latencyMs.mean;
  return run.latencyMs.p99;
}
