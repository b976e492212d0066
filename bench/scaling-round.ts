/**
 * One round of the scaling case, in a fresh process so that both runs start cold, as a real
 * `meshsim run` does: the same plan on 1 worker (in this thread), then on 2 worker threads; the
 * M/M/1 queue, or with `--mesh` robot-shop (its machines declared) under that mesh. Prints one
 * JSON line, a ScalingRound; scaling.ts starts a few of these and keeps the medians.
 */

import type { RunPlan } from "../src/runner/index.js";
import type { ScalingRound } from "./bench-result.js";
import { createMm1Scenario, MM1_RATE_PER_SEC } from "./mm1-scenario.js";
import { parseCaseArgs } from "./parse-case-args.js";
import { robotShopScenario } from "./robot-shop-scenario.js";
import { timePlan } from "./time-plan.js";

/** Replications in the plan: two per worker thread. */
const REPLICATIONS = 4;

const args = parseCaseArgs(process.argv.slice(2));
const scenario = args.meshId === "none" ? createMm1Scenario() : robotShopScenario(true);
const ratePerSec = args.meshId === "none" ? MM1_RATE_PER_SEC : scenario.load.ratePerSec;
const plan: RunPlan = {
  scenario,
  meshes: [args.meshId],
  mtls: "off",
  rates: [ratePerSec],
  durationS: args.requests / REPLICATIONS / ratePerSec,
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
