/**
 * Runs the theory checks and reports each figure as predicted vs expected with its error, the
 * table `meshsim validate` prints and the test suite asserts on.
 */

import { runScenario, type ExecuteOptions, type RunSummary } from "../runner/index.js";
import { theoryChecks, type TheoryCheck } from "./theory-checks.js";
import { compareFigure, type ValidationRow } from "./validation-row.js";

/** Simulated requests per theory check by default: enough for p99 within 2% at utilisation 0.8. */
export const DEFAULT_REQUESTS_PER_CHECK = 16_000_000;

/**
 * Simulates every theory check (each split into `replications` tasks) and compares.
 * @example (await runTheoryChecks({ workers: 2 })).every((row) => row.pass)
 */
export async function runTheoryChecks(
  options: ExecuteOptions & {
    requestsPerCheck?: number;
    replications?: number;
    seed?: number;
    only?: (check: TheoryCheck) => boolean;
    /** The checks to run, sized per replication (default: the queueing-theory checks). */
    checksFor?: (requestsPerReplication: number) => TheoryCheck[];
    /** The group the rows are listed under (default "queueing theory"). */
    group?: string;
  } = {},
): Promise<ValidationRow[]> {
  const replications = options.replications ?? 8;
  const checks = (options.checksFor ?? theoryChecks)((options.requestsPerCheck ?? DEFAULT_REQUESTS_PER_CHECK) / replications);
  const rows: ValidationRow[] = [];
  for (const check of checks.filter(options.only ?? (() => true))) {
    const { load } = check.scenario;
    const document = await runScenario(
      {
        scenario: check.scenario,
        meshes: ["none"],
        mtls: "off",
        rates: [check.ratePerSec],
        durationS: load.durationS,
        warmupS: load.warmupS,
        replications,
        seed: options.seed ?? 1,
      },
      { workers: options.workers },
    );
    for (const figure of check.figures) {
      const what = { group: options.group ?? "queueing theory", check: check.name, metric: figure.metric, basis: check.basis };
      rows.push(compareFigure(what, measured(document.runs[0], figure.metric), figure.expected, figure.tolerancePct));
    }
  }
  return rows;
}

// --- internal ---

function measured(run: RunSummary, metric: string): number {
  if (metric === "throughputPerSec") return run.throughputPerSec;
  if (metric === "mean") return run.latencyMs.mean;
  return run.latencyMs.p99;
}
