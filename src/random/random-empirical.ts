/**
 * The empirical distribution of durations: a histogram of weighted bins, sampled by picking
 * a bin in proportion to its weight and then a uniform point inside it.
 */

import { checkEmpiricalBins, type EmpiricalBin } from "./_empirical-bins.js";
import type { Rng } from "./rng.js";

export type { EmpiricalBin } from "./_empirical-bins.js";

/**
 * Creates a sampler from a histogram of durations. Bin i spans (bins[i-1].upToMs,
 * bins[i].upToMs], the first bin starts at 0; a bin is picked with probability
 * weight / total weight (binary search over cumulative weights, O(log bins)), then the
 * sample is uniform inside it. Zero-weight bins are never picked. Two uniforms per sample.
 *
 * @param rng - uniform source.
 * @param bins - bins in strictly increasing order of `upToMs` (milliseconds, at least 0),
 *   with non-negative weights that are not all zero.
 * @throws RangeError naming the offending bin field, e.g. `bins[2].upToMs`.
 * @example randomEmpirical(createRng(1), [{ upToMs: 10, weight: 3 }, { upToMs: 100, weight: 1 }])();
 */
export function randomEmpirical(rng: Rng, bins: ReadonlyArray<EmpiricalBin>): () => number {
  const totalWeight = checkEmpiricalBins(bins);
  const binCount = bins.length;
  const cumulativeWeights = new Float64Array(binCount);
  const lowerMs = new Float64Array(binCount);
  const widthMs = new Float64Array(binCount);
  let runningWeight = 0;
  let previousUpToMs = 0;
  for (let i = 0; i < binCount; i++) {
    runningWeight += bins[i].weight;
    cumulativeWeights[i] = runningWeight;
    lowerMs[i] = previousUpToMs;
    widthMs[i] = bins[i].upToMs - previousUpToMs;
    previousUpToMs = bins[i].upToMs;
  }
  const lastIndex = binCount - 1;
  return () => {
    const target = rng() * totalWeight;
    // First bin whose cumulative weight exceeds target; ties skip zero-weight bins.
    let low = 0;
    let high = lastIndex;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulativeWeights[middle] > target) high = middle;
      else low = middle + 1;
    }
    return lowerMs[low] + widthMs[low] * rng();
  };
}
