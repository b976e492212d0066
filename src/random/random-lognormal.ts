/**
 * The lognormal distribution of durations, parameterised by its mean and coefficient of
 * variation rather than by the underlying normal's mu and sigma.
 */

import { checkNonNegative, checkPositive } from "./_check.js";
import { StandardNormal } from "./_standard-normal.js";
import type { Rng } from "./rng.js";

/**
 * Creates a sampler of lognormal durations with mean `meanMs` and standard deviation
 * `cv * meanMs`. With sigma^2 = ln(1 + cv^2) and mu = ln(meanMs) - sigma^2 / 2, a sample is
 * exp(mu + sigma * z) for a standard normal z (Marsaglia polar method, no allocation per call).
 * A `cv` of 0 gives the constant `meanMs`.
 *
 * @param rng - uniform source.
 * @param meanMs - mean in milliseconds; finite and greater than 0.
 * @param cv - coefficient of variation (standard deviation / mean); finite and at least 0.
 * @throws RangeError naming `meanMs` or `cv` when it is out of range.
 * @example randomLognormal(createRng(1), 20, 0.5)(); // mean 20 ms, sd 10 ms
 */
export function randomLognormal(rng: Rng, meanMs: number, cv: number): () => number {
  checkPositive("meanMs", meanMs);
  checkNonNegative("cv", cv);
  if (cv === 0) return () => meanMs;
  const lognormal = new Lognormal(rng, meanMs, cv);
  return () => lognormal.draw();
}

// --- internal ---

/**
 * randomLognormal's draws (meanMs > 0 and cv > 0, checked there): its state in fields, and the
 * normal's draw a method V8 inlines here (through two closures, one lognormal draw took 398
 * instructions, now 377).
 */
class Lognormal {
  readonly #normal: StandardNormal;
  readonly #medianMs: number;
  readonly #sigma: number;

  constructor(rng: Rng, meanMs: number, cv: number) {
    const sigmaSquared = Math.log1p(cv * cv);
    this.#sigma = Math.sqrt(sigmaSquared);
    this.#medianMs = meanMs * Math.exp(-sigmaSquared / 2);
    this.#normal = new StandardNormal(rng);
  }

  draw(): number {
    return this.#medianMs * Math.exp(this.#sigma * this.#normal.draw());
  }
}
