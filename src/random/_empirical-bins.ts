/**
 * Validation of empirical histogram bins, shared by randomEmpirical and the moment
 * functions so both reject the same inputs with the same messages.
 */

import { formatValue } from "./_check.js";

/**
 * One bin of an empirical distribution: it spans from the previous bin's upToMs (or 0).
 * @example const bin: EmpiricalBin = { upToMs: 10, weight: 3 };
 */
export interface EmpiricalBin {
  readonly upToMs: number;
  readonly weight: number;
}

/**
 * Throws unless `bins` is a non-empty array whose `upToMs` are finite, at least 0 and
 * strictly increasing, and whose weights are finite, at least 0 and not all 0.
 * Returns the total weight.
 *
 * @example checkEmpiricalBins([{ upToMs: 10, weight: 3 }, { upToMs: 20, weight: 1 }]); // 4
 */
export function checkEmpiricalBins(bins: ReadonlyArray<EmpiricalBin>): number {
  if (!Array.isArray(bins) || bins.length === 0) {
    throw new RangeError(`bins must be a non-empty array, got ${formatBins(bins)}`);
  }
  let previousUpToMs = 0;
  let totalWeight = 0;
  for (let i = 0; i < bins.length; i++) {
    const { upToMs, weight } = bins[i];
    if (!(typeof upToMs === "number" && upToMs >= 0 && upToMs < Infinity)) {
      throw new RangeError(`bins[${i}].upToMs must be a non-negative number, got ${formatValue(upToMs)}`);
    }
    if (i > 0 && !(upToMs > previousUpToMs)) {
      throw new RangeError(
        `bins[${i}].upToMs must be greater than bins[${i - 1}].upToMs (${previousUpToMs}), got ${upToMs}`,
      );
    }
    if (!(typeof weight === "number" && weight >= 0 && weight < Infinity)) {
      throw new RangeError(`bins[${i}].weight must be a non-negative number, got ${formatValue(weight)}`);
    }
    previousUpToMs = upToMs;
    totalWeight += weight;
  }
  if (!(totalWeight > 0)) {
    throw new RangeError("bins must have at least one positive weight, got all zero");
  }
  return totalWeight;
}

// --- internal ---

function formatBins(bins: unknown): string {
  return Array.isArray(bins) ? "[]" : formatValue(bins);
}
