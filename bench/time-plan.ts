/**
 * Times a whole plan through runScenario, the way `meshsim run` executes it: with `workers`
 * above 1 the wall time includes starting and stopping the piscina pool. Also the median that
 * the pool cases keep of their repeated timings.
 */

import { runScenario, type RunPlan } from "../src/runner/index.js";

export interface PlanTiming {
  /** Requests completed over every task of the plan. */
  requests: number;
  wallSeconds: number;
}

/**
 * Runs the plan on `workers` workers (1: in this thread) and measures its wall-clock time.
 * @example (await timePlan(plan, 2)).wallSeconds
 */
export async function timePlan(plan: RunPlan, workers: number): Promise<PlanTiming> {
  const started = performance.now();
  const document = await runScenario(plan, { workers });
  const wallSeconds = (performance.now() - started) / 1000;
  const requests = document.runs.reduce((total, run) => total + run.requests.completed, 0);
  return { requests, wallSeconds };
}

/**
 * The middle value (the mean of the two middle ones for an even count): a timing that another
 * process slowed down once does not move it.
 * @example median([3, 1, 2]) // 2
 */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
