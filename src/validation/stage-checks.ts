/**
 * Load stages checked against queueing theory: an M/M/1 server under a load that ramps up,
 * holds, ramps again and holds again. Over the steady part of each hold, the mean sojourn the
 * timeline measures must match the M/M/1 mean at that hold's rate, within the 95% confidence
 * interval of the replications (each an independent run, so the interval is honest).
 */

import { parseScenario } from "../scenario/index.js";
import { assembleRuns, executeTasks, prepareRun, summarizeTimeline, timelineWindowHistogram, type ExecuteOptions, type RunPlan } from "../runner/index.js";
import { studentTQuantile975 } from "../stats/index.js";
import { mm1Sojourn } from "./queueing-theory.js";
import { compareFigure, type ValidationRow } from "./validation-row.js";

export interface StageCheckOptions extends ExecuteOptions {
  /** Seconds each rate is held (default 40). */
  holdS?: number;
  replications?: number;
  seed?: number;
}

/** Utilisations of the two holds: a light and a heavy one. */
const HOLD_UTILIZATIONS = [0.4, 0.8];
/** Seconds of ramp between holds, and settling time skipped at the start of each hold. */
const RAMP_S = 2;
const SETTLE_S = 2;

/**
 * Simulates the staged M/M/1 and returns one row per hold: predicted mean (the replications'
 * mean over the hold's steady part) against the M/M/1 mean at the hold's rate; the tolerance is
 * the interval's half width.
 * @example (await runStageChecks({ workers: 1 })).every((row) => row.pass)
 */
export async function runStageChecks(options: StageCheckOptions = {}): Promise<ValidationRow[]> {
  const holdS = options.holdS ?? 40;
  const replications = options.replications ?? 8;
  const serviceMs = 1;
  const stages: Array<{ durationS: number; ratePerSec: number }> = HOLD_UTILIZATIONS.flatMap((utilization) => [
    { durationS: RAMP_S, ratePerSec: (utilization / serviceMs) * 1000 },
    { durationS: holdS, ratePerSec: (utilization / serviceMs) * 1000 },
  ]);
  const scenario = parseScenario(
    "theory:staged-mm1",
    {
      name: "staged-mm1",
      cluster: { nodes: 1, network: { sameNodeRttMs: 0, crossNodeRttMs: 0 } },
      services: [{ name: "server", serviceTime: { type: "exponential", meanMs: serviceMs } }],
      requestTypes: [{ name: "request", entry: "server" }],
      load: { type: "open", stages, warmupS: 0, requestBytes: 0, responseBytes: 0 },
    },
    "",
  );
  const plan: RunPlan = {
    scenario,
    meshes: ["none"],
    mtls: "off",
    rates: [scenario.load.ratePerSec],
    durationS: scenario.load.durationS,
    warmupS: 0,
    staged: true,
    intervalS: 1,
    replications,
    seed: options.seed ?? 1,
  };
  const { tasks } = prepareRun(plan);
  const results = await executeTasks(tasks, { workers: options.workers, keptPool: options.keptPool });
  // The whole run's timeline is built (and so checked) the way results.json gets it.
  assembleRuns(plan, tasks, results);
  return HOLD_UTILIZATIONS.map((utilization, hold) => {
    const fromS = (hold + 1) * RAMP_S + hold * holdS + SETTLE_S;
    const toS = (hold + 1) * (RAMP_S + holdS);
    const perReplication = results.map((result) => timelineWindowHistogram(summarizeTimeline([result], result.windowMs)!, fromS, toS).mean);
    const predicted = perReplication.reduce((sum, value) => sum + value, 0) / replications;
    const spread = Math.sqrt(perReplication.reduce((sum, value) => sum + (value - predicted) ** 2, 0) / (replications - 1));
    const halfWidth = (studentTQuantile975(replications - 1) * spread) / Math.sqrt(replications);
    const rate = utilization / serviceMs;
    const expected = mm1Sojourn(rate, 1 / serviceMs).meanMs;
    const what = {
      group: "load stages",
      check: `M/M/1 held at ${rate * 1000}/s (${fromS}-${toS} s)`,
      metric: "mean",
      basis: "M/M/1 mean 1/(mu - lambda) at the hold's rate; tolerance: the replications' 95% interval",
    };
    return compareFigure(what, predicted, expected, Math.round((halfWidth / expected) * 1e4) / 100);
  });
}
