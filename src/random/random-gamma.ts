/**
 * The gamma distribution of durations, parameterised by its mean and coefficient of
 * variation, sampled with Marsaglia and Tsang's squeeze method.
 */

import { checkNonNegative, checkPositive } from "./_check.js";
import { createStandardNormal } from "./_standard-normal.js";
import type { Rng } from "./rng.js";

/**
 * Creates a sampler of gamma durations with mean `meanMs` and standard deviation
 * `cv * meanMs`: shape = 1 / cv^2, scale = meanMs / shape. A `cv` of 0 gives the constant
 * `meanMs`; a `cv` of 1 is the exponential distribution.
 *
 * Algorithm: Marsaglia & Tsang 2000, "A Simple Method for Generating Gamma Variables",
 * ACM Transactions on Mathematical Software 26(3), 363-372. For shape < 1 it samples
 * shape + 1 and multiplies by u^(1/shape) (section 6 of the paper). Expected draws per
 * sample are below 1.1 normals for shape >= 1. For very small shapes (cv above about 5)
 * u^(1/shape) can underflow, so some samples are exactly 0.
 *
 * @param rng - uniform source.
 * @param meanMs - mean in milliseconds; finite and greater than 0.
 * @param cv - coefficient of variation (standard deviation / mean); finite and at least 0.
 * @throws RangeError naming `meanMs` or `cv` when it is out of range.
 * @example randomGamma(createRng(1), 20, 0.5)(); // shape 4, mean 20 ms
 */
export function randomGamma(rng: Rng, meanMs: number, cv: number): () => number {
  checkPositive("meanMs", meanMs);
  checkNonNegative("cv", cv);
  if (cv === 0) return () => meanMs;
  const shape = 1 / (cv * cv);
  const scale = meanMs / shape;
  const boosted = shape < 1;
  const d = (boosted ? shape + 1 : shape) - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const inverseShape = 1 / shape;
  const normal = createStandardNormal(rng);
  return () => {
    let x: number;
    let v: number;
    for (;;) {
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = rng();
      const xSquared = x * x;
      // The squeeze accepts about 98% of candidates without a logarithm.
      if (u < 1 - 0.0331 * xSquared * xSquared) break;
      if (Math.log(u) < 0.5 * xSquared + d * (1 - v + Math.log(v))) break;
    }
    const sample = d * v * scale;
    // 1 - rng() lies in (0, 1], so the boost never takes a power of 0.
    return boosted ? sample * Math.pow(1 - rng(), inverseShape) : sample;
  };
}
