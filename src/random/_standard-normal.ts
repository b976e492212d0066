/**
 * A standard normal sampler by the Marsaglia polar method, shared by the lognormal and
 * gamma factories. It keeps the second draw of each pair in closure variables, so a call
 * allocates nothing.
 */

import type { Rng } from "./rng.js";

/**
 * Creates a sampler of N(0, 1) variates from `rng`.
 * Polar method: Marsaglia & Bray 1964, "A Convenient Method for Generating Normal Variables",
 * SIAM Review 6(3). It avoids trigonometry and uses about 1.27 uniforms per variate.
 *
 * @example const normal = createStandardNormal(createRng(1)); normal(); // mean 0, sd 1
 */
export function createStandardNormal(rng: Rng): () => number {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * rng() - 1;
      v = 2 * rng() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * factor;
    hasSpare = true;
    return u * factor;
  };
}
