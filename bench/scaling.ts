/**
 * Case process: the same M/M/1 plan (several replications) run by runScenario on 1 worker and on
 * 2 worker threads, to show how far replications scale across cores on this machine. Each round
 * runs in a fresh process (scaling-round.ts), so both worker counts start cold, and the 2-worker
 * time includes starting and stopping the piscina pool. The medians of a few rounds are kept, so
 * that one round slowed down by another process does not decide the result.
 */

import type { ScalingResult, ScalingRound } from "./bench-result.js";
import { parseCaseArgs } from "./parse-case-args.js";
import { runCase } from "./run-case.js";
import { median } from "simple-statistics";

const ROUNDS = 3;

const args = parseCaseArgs(process.argv.slice(2));
const rounds: ScalingRound[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const result = runCase({
    name: `${args.caseName} round ${round}`,
    script: "scaling-round.js",
    requests: args.requests,
    warmupRequests: 0,
    kind: "scaling",
    meshId: args.meshId,
  });
  rounds.push(result as ScalingRound);
}

const oneWorker = median(rounds.map((round) => round.wallSecondsByWorkers[1]));
const twoWorkers = median(rounds.map((round) => round.wallSecondsByWorkers[2]));
const result: ScalingResult = {
  case: args.caseName,
  requests: rounds[0].requests,
  replications: rounds[0].replications,
  rounds: ROUNDS,
  wallSecondsByWorkers: { 1: roundMs(oneWorker), 2: roundMs(twoWorkers) },
  roundWallSecondsByWorkers: {
    1: rounds.map((round) => roundMs(round.wallSecondsByWorkers[1])),
    2: rounds.map((round) => roundMs(round.wallSecondsByWorkers[2])),
  },
  speedup: Math.round((oneWorker / twoWorkers) * 100) / 100,
};
console.log(JSON.stringify(result));

// --- internal ---

function roundMs(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
