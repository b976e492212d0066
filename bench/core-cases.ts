/**
 * The simulator's core run alone, by case name: `mm1-core` (the event queue, one Station, the
 * exponential samplers and a histogram, mm1-core.ts), `node-cpu-core` (one node's processor
 * sharing, node-cpu-core.ts), and one draw of each sampler a request pays most for:
 * `lognormal-draw` (a proxy pass's path time, 22 a robot-shop request under Istio) and
 * `exponential-draw` (arrivals, service times). The instruction gate counts them all
 * (core-case.ts); the speed gate times the first two (speed-case.ts).
 */

import { createRng, randomExponential, randomLognormal } from "../src/random/index.js";
import { runCoreMm1 } from "./mm1-core.js";
import { runCoreNodeCpu } from "./node-cpu-core.js";

/** Each core case: runs about `requests` requests (jobs, draws) and returns how many completed. */
export const CORE_CASES: Readonly<Record<string, (requests: number, seed: number) => number>> = {
  "mm1-core": (requests, seed) => runCoreMm1(requests, seed).count,
  "node-cpu-core": (requests, seed) => runCoreNodeCpu(requests, seed).completed,
  // Istio's sidecar pass on http1 (models/istio.yaml): 0.032 ms at a coefficient of variation of 1.3.
  "lognormal-draw": (requests, seed) => draws(randomLognormal(createRng(seed, "path"), 0.032, 1.3), requests),
  "exponential-draw": (requests, seed) => draws(randomExponential(createRng(seed, "service"), 1), requests),
};

// --- internal ---

/** Draws `count` samples; their sum goes nowhere, but keeps the compiler from dropping the draws. */
function draws(sample: () => number, count: number): number {
  let sum = 0;
  for (let drawn = 0; drawn < count; drawn++) sum += sample();
  if (!(sum >= 0)) throw new RangeError("a sampler drew a negative duration");
  return count;
}
