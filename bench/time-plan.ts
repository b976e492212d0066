/**
 * Times a whole plan through runScenario, the way `meshsim run` executes it: with `workers`
 * above 1 the wall time includes starting and stopping the piscina pool.
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
