/**
 * The exponential distribution of durations: memoryless service or think times.
 */

import { checkPositive } from "./_check.js";
import type { Rng } from "./rng.js";

/**
 * Creates a sampler of exponential durations with the given mean (variance meanMs^2) by
 * inversion. `log1p(-u)` keeps precision for small u and is finite because u < 1.
 *
 * @param rng - uniform source.
 * @param meanMs - mean in milliseconds; finite and greater than 0.
 * @throws RangeError when `meanMs` is not a positive number.
 * @example randomExponential(createRng(1), 20)(); // mean 20 ms
 */
export function randomExponential(rng: Rng, meanMs: number): () => number {
  checkPositive("meanMs", meanMs);
  return () => -Math.log1p(-rng()) * meanMs;
}
