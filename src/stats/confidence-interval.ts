/**
 * Confidence intervals for the mean of replication results, from Student's t distribution.
 */

import { mean, sampleStandardDeviation } from "simple-statistics";
import { studentTQuantile975 } from "./student-t-quantile.js";

/**
 * The two-sided 95% confidence interval for the mean of `values`:
 * mean +/- t_0.975(n - 1) * s / sqrt(n), with s the sample standard deviation. It assumes
 * independent, roughly normal values, as replication means with different seeds are.
 *
 * @param values - one number per replication; all finite.
 * @returns [lower, upper], or null when there are fewer than 2 values (no spread to measure).
 * @throws RangeError naming the first value that is not a finite number.
 * @example confidenceInterval95([10, 12, 11, 13]); // [9.4457..., 13.5543...]
 */
export function confidenceInterval95(values: number[]): [number, number] | null {
  const halfWidth = confidenceHalfWidth95(values);
  if (halfWidth === null) return null;
  const center = mean(values);
  return [center - halfWidth, center + halfWidth];
}

/**
 * The half-width of `confidenceInterval95(values)`: t_0.975(n - 1) * s / sqrt(n). O(n).
 *
 * @param values - one number per replication; all finite.
 * @returns the half-width, or null when there are fewer than 2 values.
 * @throws RangeError naming the first value that is not a finite number.
 * @example confidenceHalfWidth95([10, 12, 11, 13]); // 2.0543...
 */
export function confidenceHalfWidth95(values: number[]): number | null {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`values[${i}] must be a finite number, got ${String(values[i])}`);
    }
  }
  if (values.length < 2) return null;
  const standardError = sampleStandardDeviation(values) / Math.sqrt(values.length);
  return studentTQuantile975(values.length - 1) * standardError;
}
