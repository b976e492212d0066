/**
 * Closed-form results the traffic checks are held to: the tries and failures of a call retried
 * on independent errors, and the standard errors and edge effects that size their tolerances.
 */

export interface RetryTheory {
  /** Mean tries per call: (1 - p^(n+1)) / (1 - p), or n + 1 when every try fails. */
  meanTries: number;
  /** Variance of one call's tries (a geometric count cut off at n + 1 tries). */
  triesVariance: number;
  /** Fraction of calls whose every try fails: p^(n+1). */
  failedFraction: number;
}

/**
 * Tries and failures of a call retried up to `retries` times, each try failing independently
 * with probability `errorRate`.
 * @throws RangeError when errorRate is outside [0, 1] or retries is not a non-negative integer
 * @example retryTheory(0.3, 2).meanTries // 1.39
 */
export function retryTheory(errorRate: number, retries: number): RetryTheory {
  if (!(errorRate >= 0 && errorRate <= 1)) throw new RangeError(`errorRate must be between 0 and 1, got ${errorRate}`);
  if (!(Number.isInteger(retries) && retries >= 0)) throw new RangeError(`retries must be a non-negative integer, got ${retries}`);
  const maxTries = retries + 1;
  const meanTries = errorRate === 1 ? maxTries : (1 - errorRate ** maxTries) / (1 - errorRate);
  // P(tries = k) = p^(k-1) (1 - p) below the cut-off; the last try takes what is left, p^n.
  let meanSquare = 0;
  for (let tries = 1; tries <= maxTries; tries++) {
    const probability = tries < maxTries ? errorRate ** (tries - 1) * (1 - errorRate) : errorRate ** retries;
    meanSquare += tries * tries * probability;
  }
  return { meanTries, triesVariance: Math.max(0, meanSquare - meanTries * meanTries), failedFraction: errorRate ** maxTries };
}

/**
 * Standard error of a fraction estimated from `trials` independent trials: sqrt(f (1 - f) / n).
 * @example binomialStandardError(0.1, 10_000) // 0.003
 */
export function binomialStandardError(fraction: number, trials: number): number {
  return Math.sqrt((fraction * (1 - fraction)) / trials);
}

/**
 * How far a count by start time may stray from the count of calls sent in the same window:
 * work in flight across each of the window's two edges is a Poisson count with mean
 * `inFlightPerEdge`, one edge adding and the other removing; their difference has standard
 * deviation sqrt(2 x mean). Returns `standardErrors` of those, rounded up to a whole count.
 * @example edgeSlack(0.2, 4) // 3
 */
export function edgeSlack(inFlightPerEdge: number, standardErrors: number): number {
  return Math.ceil(standardErrors * Math.sqrt(2 * inFlightPerEdge));
}
