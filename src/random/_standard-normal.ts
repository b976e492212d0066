/**
 * A standard normal sampler by the Marsaglia polar method, shared by the lognormal and
 * gamma factories. It keeps the second draw of each pair in a field, so a call
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
  // A field rather than a closure variable: V8 boxes a double anew on every store to a closure's
  // context, but writes a field's in place.
  const pair = { spare: 0, hasSpare: false };
  return () => {
    if (pair.hasSpare) {
      pair.hasSpare = false;
      return pair.spare;
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
    pair.spare = v * factor;
    pair.hasSpare = true;
    return u * factor;
  };
}
