/**
 * The Erlang distribution of durations: the sum of k exponential stages, for service times
 * less variable than exponential (squared coefficient of variation 1/k).
 */

import { checkPositive, checkPositiveInteger } from "./_check.js";
import type { Rng } from "./rng.js";

/**
 * Below this the running product of uniforms is folded into a logarithm, so it never
 * underflows: each factor is at least 2^-32, and 1e-290 * 2^-32 is still a normal double.
 */
const UNDERFLOW_GUARD = 1e-290;

/**
 * Creates a sampler of Erlang durations: the sum of `k` exponentials each of mean
 * `meanMs / k`, computed as -log of a product of uniforms (one logarithm per sample, not k).
 * Mean `meanMs`, variance meanMs^2 / k. O(k) uniforms per sample.
 *
 * @param rng - uniform source.
 * @param meanMs - mean in milliseconds; finite and greater than 0.
 * @param k - number of stages; an integer of at least 1 (1 is the exponential).
 * @throws RangeError naming `meanMs` or `k` when it is out of range.
 * @example randomErlang(createRng(1), 20, 4)(); // mean 20 ms, cv 0.5
 */
export function randomErlang(rng: Rng, meanMs: number, k: number): () => number {
  checkPositive("meanMs", meanMs);
  checkPositiveInteger("k", k);
  const stageMeanMs = meanMs / k;
  return () => {
    let logSum = 0;
    let product = 1;
    for (let stage = 0; stage < k; stage++) {
      // 1 - rng() lies in (0, 1], so no factor is 0.
      product *= 1 - rng();
      if (product < UNDERFLOW_GUARD) {
        logSum += Math.log(product);
        product = 1;
      }
    }
    return -(logSum + Math.log(product)) * stageMeanMs;
  };
}
