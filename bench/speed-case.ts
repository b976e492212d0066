/**
 * Case process of `npm run bench:check`: times one scenario's simulation and the reference loop
 * in this one process, round after round, and prints one JSON line with every round's rates and
 * ratio (check-speed.ts takes the medians over all the case's processes). Flags: `--case mm1|mm1-core|node-cpu-core|robot-shop|robot-shop-machines|robot-shop-istio|robot-shop-istio-machines --requests <n> --rounds <n>`.
 */

import { runReplication } from "../src/runner/index.js";
import type { Scenario } from "../src/scenario/index.js";
import { createTask } from "./measure-replication.js";
import { CORE_CASES } from "./core-cases.js";
import { createMm1Scenario, MM1_RATE_PER_SEC } from "./mm1-scenario.js";
import { robotShopScenario } from "./robot-shop-scenario.js";
import { timeReferenceLoop } from "./reference-loop.js";
import type { SpeedRounds } from "./speed-gate.js";
import { cpuSeconds } from "./cpu-clock.js";

/** Reference-loop operations around each round: about 0.08 s, short beside the round itself. */
const REFERENCE_ROUND_OPERATIONS = 1_000_000;

const WARMUP_REQUESTS = 1e5;

const argv = process.argv.slice(2);
const flag = (name: string): string => {
  const value = argv[argv.indexOf(name) + 1];
  if (!argv.includes(name) || value === undefined) throw new RangeError(`${name} is required`);
  return value;
};
const caseName = flag("--case");
const requests = Number(flag("--requests"));
const rounds = Number(flag("--rounds"));
if (!(requests > 0 && rounds >= 1)) throw new RangeError("--requests and --rounds must be positive numbers");

const simulate = simulationOf(caseName);
simulate(WARMUP_REQUESTS);
timeReferenceLoop(1, REFERENCE_ROUND_OPERATIONS, cpuSeconds);

// Both sides are timed in CPU seconds of this process (cpu-clock.ts): waiting for a core is not work.
// Each round's simulation is measured against the reference loop just before and just after it,
// so a burst of load on the machine hits both sides of that round's ratio; the median over the
// rounds then drops the rounds a burst caught on one side only.
const ratios: number[] = [];
const simulationRates: number[] = [];
const referenceRates: number[] = [];
let completed = 0;
let before = timeReferenceLoop(1, REFERENCE_ROUND_OPERATIONS, cpuSeconds);
for (let round = 0; round < rounds; round++) {
  const started = cpuSeconds();
  completed = simulate(requests);
  const seconds = cpuSeconds() - started;
  const after = timeReferenceLoop(1, REFERENCE_ROUND_OPERATIONS, cpuSeconds);
  const rate = completed / seconds;
  simulationRates.push(rate);
  referenceRates.push(before, after);
  ratios.push(rate / ((before + after) / 2));
  before = after;
}
const line: SpeedRounds = { case: caseName, requests: completed, simulationRates, referenceRates, ratios };
console.log(JSON.stringify(line));

// --- internal ---

/** The case's simulation: runs about `requests` requests and returns how many completed. */
function simulationOf(name: string): (requests: number) => number {
  const core = name === "mm1-core" || name === "node-cpu-core" ? CORE_CASES[name] : undefined;
  if (core !== undefined) return (requests) => core(requests, 1);
  const { scenario, ratePerSec, meshId } = scenarioOf(name);
  return (requests) => runReplication(createTask(scenario, ratePerSec, requests, meshId)).requests.completed;
}

function scenarioOf(name: string): { scenario: Scenario; ratePerSec: number; meshId: string } {
  if (name === "mm1") return { scenario: createMm1Scenario(), ratePerSec: MM1_RATE_PER_SEC, meshId: "none" };
  // robot-shop as its baseline was taken, with every container owning its CPU; and with the
  // machines it declares, the node CPU model on every hop.
  const robotShop = /^robot-shop(-istio)?(-machines)?$/.exec(name);
  if (robotShop) {
    const scenario = robotShopScenario(robotShop[2] !== undefined);
    return { scenario, ratePerSec: scenario.load.ratePerSec, meshId: robotShop[1] ? "istio" : "none" };
  }
  throw new RangeError(`--case must be mm1, mm1-core, node-cpu-core, robot-shop, robot-shop-machines, robot-shop-istio or robot-shop-istio-machines, got ${name}`);
}
