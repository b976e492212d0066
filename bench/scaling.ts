/**
 * Case process: the same M/M/1 plan (several replications) run by runScenario on 1 worker and on
 * 2 worker threads, to show how far replications scale across cores on this machine. Both start
 * cold (no warm-up), and the 2-worker time includes starting and stopping the piscina pool.
 */

import { runScenario, type RunPlan } from "../src/runner/index.js";
import type { ScalingResult } from "./bench-result.js";
import { createMm1Scenario, MM1_RATE_PER_SEC } from "./mm1-scenario.js";
import { parseCaseArgs } from "./parse-case-args.js";

const REPLICATIONS = 4;

const args = parseCaseArgs(process.argv.slice(2));
const plan: RunPlan = {
  scenario: createMm1Scenario(),
  meshes: ["none"],
  mtls: "off",
  rates: [MM1_RATE_PER_SEC],
  durationS: args.requests / REPLICATIONS / MM1_RATE_PER_SEC,
  warmupS: 0,
  replications: REPLICATIONS,
  seed: 1,
};

const oneWorker = await timePlan(plan, 1);
const twoWorkers = await timePlan(plan, 2);
const result: ScalingResult = {
  case: args.caseName,
  requests: oneWorker.requests,
  replications: REPLICATIONS,
  wallSecondsByWorkers: { 1: oneWorker.wallSeconds, 2: twoWorkers.wallSeconds },
  speedup: Math.round((oneWorker.wallSeconds / twoWorkers.wallSeconds) * 100) / 100,
};
console.log(JSON.stringify(result));

// --- internal ---

/** Wall seconds of the whole plan, piscina pool start-up and teardown included. */
async function timePlan(runPlan: RunPlan, workers: number): Promise<{ requests: number; wallSeconds: number }> {
  const started = performance.now();
  const document = await runScenario(runPlan, { workers });
  const wallSeconds = (performance.now() - started) / 1000;
  return { requests: document.runs[0].requests.completed, wallSeconds: Math.round(wallSeconds * 1000) / 1000 };
}
