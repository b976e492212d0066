/**
 * Case process: what the worker pool costs per task. Many tiny M/M/1 tasks (about 100 requests
 * each) run through runScenario in this thread and on 2 piscina worker threads. The pool's
 * overhead per task is the 2-worker wall time beyond a perfect two-way split of the in-thread
 * time, divided by the number of tasks.
 */

import type { RunPlan } from "../src/runner/index.js";
import type { PoolOverheadResult } from "./bench-result.js";
import { createMm1Scenario, MM1_RATE_PER_SEC } from "./mm1-scenario.js";
import { parseCaseArgs } from "./parse-case-args.js";
import { median } from "simple-statistics";
import { timePlan } from "./time-plan.js";

/** Tasks in the plan: enough that the pool's start-up is a small share of each task's cost. */
const TASKS = 200;
/** Each measurement is repeated and the median kept, because the runs are short (tenths of a second). */
const ROUNDS = 5;

const args = parseCaseArgs(process.argv.slice(2));
const scenario = createMm1Scenario();
const plan = createPlan(TASKS, args.requests / TASKS);
// Two near-empty tasks on 2 workers: starting and stopping the pool, with almost nothing to run.
const startupPlan = createPlan(2, 1);

// The untimed warm-up compiles this thread's code, so the in-thread time is the tasks' own cost.
// Pool workers always start cold: each new thread loads the modules and compiles the code
// again, and that is part of what the pool costs.
if (args.warmupRequests > 0) await timePlan(createPlan(TASKS, args.warmupRequests / TASKS), 1);

const inThread: number[] = [];
const pool: number[] = [];
const startup: number[] = [];
let requests = 0;
for (let round = 0; round < ROUNDS; round++) {
  const alone = await timePlan(plan, 1);
  requests = alone.requests;
  inThread.push(alone.wallSeconds);
  pool.push((await timePlan(plan, 2)).wallSeconds);
  startup.push((await timePlan(startupPlan, 2)).wallSeconds);
}

const inThreadSeconds = median(inThread);
const poolSeconds = median(pool);
const overheadSeconds = poolSeconds - inThreadSeconds / 2;
const result: PoolOverheadResult = {
  case: args.caseName,
  tasks: TASKS,
  requests,
  rounds: ROUNDS,
  inThreadWallSeconds: round(inThreadSeconds, 4),
  poolWallSeconds: round(poolSeconds, 4),
  inThreadMsPerTask: round((inThreadSeconds / TASKS) * 1000, 3),
  overheadMsPerTask: round((overheadSeconds / TASKS) * 1000, 3),
  poolStartStopMs: round(median(startup) * 1000, 1),
};
console.log(JSON.stringify(result));

// --- internal ---

function createPlan(tasks: number, requestsPerTask: number): RunPlan {
  return {
    scenario,
    meshes: ["none"],
    mtls: "off",
    rates: [MM1_RATE_PER_SEC],
    durationS: requestsPerTask / MM1_RATE_PER_SEC,
    warmupS: 0,
    replications: tasks,
    seed: 1,
  };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
