/**
 * Case process of `npm run bench:instructions` for the simulator's core alone: `mm1-core` (the
 * event queue, one Station, the exponential samplers and a histogram, mm1-core.ts),
 * `node-cpu-core` (one node's processor sharing, node-cpu-core.ts), and one draw of each sampler
 * a request pays most for: `lognormal-draw` (a proxy pass's path time, 22 a robot-shop request
 * under Istio) and `exponential-draw` (arrivals, service times). Counted beside the whole cases,
 * they say which part of a request's instructions moved: a change to the engine, the node CPU or
 * the samplers shows in its core case, a change to the flow, the traffic layer or the runner only
 * in the whole ones. Flags: `--case <name> --requests <n> --warmup-requests <n>`; prints one JSON
 * line with the requests (jobs, draws) the counted run completed.
 */

import { createRng, randomExponential, randomLognormal } from "../src/random/index.js";
import { runCoreMm1 } from "./mm1-core.js";
import { runCoreNodeCpu } from "./node-cpu-core.js";
import { parseCaseArgs } from "./parse-case-args.js";

/** The core cases, each running about `requests` requests and returning how many completed. */
const CORE_CASES: Readonly<Record<string, (requests: number, seed: number) => number>> = {
  "mm1-core": (requests, seed) => runCoreMm1(requests, seed).count,
  "node-cpu-core": (requests, seed) => runCoreNodeCpu(requests, seed).completed,
  // Istio's sidecar pass on http1 (models/istio.yaml): 0.032 ms at a coefficient of variation of 1.3.
  "lognormal-draw": (requests, seed) => draws(randomLognormal(createRng(seed, "path"), 0.032, 1.3), requests),
  "exponential-draw": (requests, seed) => draws(randomExponential(createRng(seed, "service"), 1), requests),
};

const args = parseCaseArgs(process.argv.slice(2));
const simulate = CORE_CASES[args.caseName];
if (simulate === undefined) throw new RangeError(`--case must be ${Object.keys(CORE_CASES).join(" or ")}, got ${args.caseName}`);
// The warm-up and the counted run differ only in size, as in the whole cases.
if (args.warmupRequests > 0) simulate(args.warmupRequests, 1);
console.log(JSON.stringify({ case: args.caseName, requests: simulate(args.requests, 1) }));

// --- internal ---

/** Draws `count` samples; their sum goes nowhere, but keeps the compiler from dropping the draws. */
function draws(sample: () => number, count: number): number {
  let sum = 0;
  for (let drawn = 0; drawn < count; drawn++) sum += sample();
  if (!(sum >= 0)) throw new RangeError("a sampler drew a negative duration");
  return count;
}
