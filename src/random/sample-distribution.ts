/**
 * The bridge from a DistributionSpec (data, as scenario files write it) to a sampler, and
 * the analytic moments of each spec, which tests and queueing formulas compare against.
 */

import {
  checkNonNegative,
  checkPositive,
  checkPositiveInteger,
  checkUniformBounds,
  formatValue,
} from "./_check.js";
import { checkEmpiricalBins } from "./_empirical-bins.js";
import type { DistributionSpec } from "./distribution-spec.js";
import { randomConstant } from "./random-constant.js";
import { randomEmpirical } from "./random-empirical.js";
import { randomErlang } from "./random-erlang.js";
import { randomExponential } from "./random-exponential.js";
import { randomGamma } from "./random-gamma.js";
import { randomLognormal } from "./random-lognormal.js";
import { randomUniform } from "./random-uniform.js";
import type { Rng } from "./rng.js";

/**
 * Creates a sampler of durations in milliseconds for `spec`, drawing from `rng`.
 * Parameters are validated here, once; the returned function does no checks.
 *
 * @throws RangeError naming the invalid parameter (e.g. `meanMs`, `bins[1].weight`) or `type`.
 * @example createSampler({ type: "exponential", meanMs: 20 }, createRng(1))(); // mean 20 ms
 */
export function createSampler(spec: DistributionSpec, rng: Rng): () => number {
  switch (spec.type) {
    case "constant":
      return randomConstant(rng, spec.valueMs);
    case "uniform":
      return randomUniform(rng, spec.minMs, spec.maxMs);
    case "exponential":
      return randomExponential(rng, spec.meanMs);
    case "lognormal":
      return randomLognormal(rng, spec.meanMs, spec.cv);
    case "gamma":
      return randomGamma(rng, spec.meanMs, spec.cv);
    case "erlang":
      return randomErlang(rng, spec.meanMs, spec.k);
    case "empirical":
      return randomEmpirical(rng, spec.bins);
    default:
      return throwUnknownType(spec);
  }
}

/**
 * The analytic mean of `spec` in milliseconds. For an empirical spec it is the weighted
 * mean of the bin midpoints (each bin is uniform inside).
 *
 * @throws RangeError on the same invalid parameters as createSampler.
 * @example meanOf({ type: "uniform", minMs: 10, maxMs: 20 }); // 15
 */
export function meanOf(spec: DistributionSpec): number {
  checkSpec(spec);
  switch (spec.type) {
    case "constant":
      return spec.valueMs;
    case "uniform":
      return (spec.minMs + spec.maxMs) / 2;
    case "exponential":
    case "lognormal":
    case "gamma":
    case "erlang":
      return spec.meanMs;
    case "empirical":
      return empiricalMoments(spec.bins).meanMs;
  }
}

/**
 * The analytic variance of `spec` in milliseconds squared. For an empirical spec it is the
 * variance of the mixture of uniform bins: sum of p_i * (var_i + (mean_i - mean)^2).
 *
 * @throws RangeError on the same invalid parameters as createSampler.
 * @example varianceOf({ type: "exponential", meanMs: 10 }); // 100
 */
export function varianceOf(spec: DistributionSpec): number {
  checkSpec(spec);
  switch (spec.type) {
    case "constant":
      return 0;
    case "uniform": {
      const widthMs = spec.maxMs - spec.minMs;
      return (widthMs * widthMs) / 12;
    }
    case "exponential":
      return spec.meanMs * spec.meanMs;
    case "lognormal":
    case "gamma": {
      const standardDeviationMs = spec.cv * spec.meanMs;
      return standardDeviationMs * standardDeviationMs;
    }
    case "erlang":
      return (spec.meanMs * spec.meanMs) / spec.k;
    case "empirical":
      return empiricalMoments(spec.bins).varianceMs2;
  }
}

/**
 * The squared coefficient of variation, variance / mean^2, as queueing approximations
 * (e.g. Kingman's) use it. It is 0 whenever the variance is 0, including a constant 0.
 *
 * @throws RangeError on the same invalid parameters as createSampler.
 * @example squaredCvOf({ type: "erlang", meanMs: 10, k: 4 }); // 0.25
 */
export function squaredCvOf(spec: DistributionSpec): number {
  const variance = varianceOf(spec);
  if (variance === 0) return 0;
  const mean = meanOf(spec);
  return variance / (mean * mean);
}

// --- internal ---

/** Applies the factories' checks without building a sampler, so moments of bad specs throw. */
function checkSpec(spec: DistributionSpec): void {
  switch (spec.type) {
    case "constant":
      checkNonNegative("valueMs", spec.valueMs);
      return;
    case "uniform":
      checkUniformBounds(spec.minMs, spec.maxMs);
      return;
    case "exponential":
      checkPositive("meanMs", spec.meanMs);
      return;
    case "lognormal":
    case "gamma":
      checkPositive("meanMs", spec.meanMs);
      checkNonNegative("cv", spec.cv);
      return;
    case "erlang":
      checkPositive("meanMs", spec.meanMs);
      checkPositiveInteger("k", spec.k);
      return;
    case "empirical":
      checkEmpiricalBins(spec.bins);
      return;
    default:
      throwUnknownType(spec);
  }
}

function empiricalMoments(bins: ReadonlyArray<{ upToMs: number; weight: number }>): {
  meanMs: number;
  varianceMs2: number;
} {
  const totalWeight = checkEmpiricalBins(bins);
  let meanMs = 0;
  let previousUpToMs = 0;
  for (const bin of bins) {
    meanMs += (bin.weight / totalWeight) * ((previousUpToMs + bin.upToMs) / 2);
    previousUpToMs = bin.upToMs;
  }
  let varianceMs2 = 0;
  previousUpToMs = 0;
  for (const bin of bins) {
    const widthMs = bin.upToMs - previousUpToMs;
    const offsetMs = (previousUpToMs + bin.upToMs) / 2 - meanMs;
    varianceMs2 += (bin.weight / totalWeight) * ((widthMs * widthMs) / 12 + offsetMs * offsetMs);
    previousUpToMs = bin.upToMs;
  }
  return { meanMs, varianceMs2 };
}

function throwUnknownType(spec: never): never {
  const type = (spec as { type?: unknown } | null)?.type;
  throw new RangeError(
    "type must be one of constant, uniform, exponential, lognormal, gamma, erlang, empirical, " +
      `got ${formatValue(type)}`,
  );
}
