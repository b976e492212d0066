/**
 * Picks a request type by weight: cumulative weights in a Float64Array and a binary search,
 * so a draw is O(log types) with no allocation.
 */

import type { Rng } from "../random/index.js";

/**
 * Returns a sampler of request-type indices with probability proportional to `weights`.
 * @throws RangeError when a weight is negative or not finite, or all weights are zero
 * @example createRequestMix([3, 1], rng)() // 0 three times as often as 1
 */
export function createRequestMix(weights: readonly number[], rng: Rng): () => number {
  if (weights.length === 0) throw new RangeError("request mix needs at least one weight");
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((weight, index) => {
    if (!(weight >= 0) || !Number.isFinite(weight)) {
      throw new RangeError(`request mix weight ${index} must be a non-negative number, got ${weight}`);
    }
    total += weight;
    cumulative[index] = total;
  });
  if (!(total > 0)) throw new RangeError("request mix weights must not all be zero");
  if (weights.length === 1) return () => 0;
  const last = weights.length - 1;
  return () => {
    const target = rng() * total;
    let low = 0;
    let high = last;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] > target) high = middle;
      else low = middle + 1;
    }
    return low;
  };
}
