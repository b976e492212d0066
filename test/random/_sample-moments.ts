/**
 * Test helper: draws many samples and summarises them, so each distribution test can
 * compare sample moments with theory.
 */

/** Draws `draws` samples and returns their mean, sample variance, min, max and the samples. */
export function sampleMoments(
  sample: () => number,
  draws: number,
): { mean: number; variance: number; min: number; max: number; values: Float64Array } {
  const values = new Float64Array(draws);
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < draws; i++) {
    const x = sample();
    values[i] = x;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = sum / draws;
  let squares = 0;
  for (let i = 0; i < draws; i++) {
    const offset = values[i] - mean;
    squares += offset * offset;
  }
  return { mean, variance: squares / (draws - 1), min, max, values };
}

/** Fraction of `values` at most `threshold`. */
export function fractionAtMost(values: Float64Array, threshold: number): number {
  let hits = 0;
  for (const x of values) if (x <= threshold) hits++;
  return hits / values.length;
}

/** Asserts |actual - expected| <= relativeTolerance * |expected|, with a readable message. */
export function expectRelativelyClose(actual: number, expected: number, relativeTolerance: number): void {
  const error = Math.abs(actual - expected);
  if (!(error <= relativeTolerance * Math.abs(expected))) {
    throw new Error(
      `expected ${actual} within ${relativeTolerance * 100}% of ${expected} (off by ${((error / Math.abs(expected)) * 100).toFixed(3)}%)`,
    );
  }
}

export const DRAWS = 200_000;
