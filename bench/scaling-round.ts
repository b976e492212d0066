/**
 * One round of the scaling case, in a fresh process so that both runs start cold, as a real
 * `meshsim run` does: the same M/M/1 plan on 1 worker (in this thread), then on 2 worker threads.
 * Prints one JSON line, a ScalingRound; scaling.ts starts a few of these and keeps the medians.
 */

import type { RunPlan } from "../src/runner/index.js";
import type { ScalingRound } from "./bench-result.js";
import { createMm1Scenario, MM1_RATE_PER_SEC } from "./mm1-scenario.js";
import { parseCaseArgs } from "./parse-case-args.js";
import { timePlan } from "./time-plan.js";

/** Replications in the plan: two per worker thread. */
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
const round: ScalingRound = {
  requests: oneWorker.requests,
  replications: REPLICATIONS,
  wallSecondsByWorkers: { 1: oneWorker.wallSeconds, 2: twoWorkers.wallSeconds },
};
console.log(JSON.stringify(round));
