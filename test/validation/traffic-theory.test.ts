import { describe, expect, it } from "vitest";
import { binomialStandardError, edgeSlack, retryTheory } from "../../src/validation/index.js";

describe("retryTheory", () => {
  it.each([
    [0.3, 2, 1.39, 0.4179, 0.027],
    [0, 3, 1, 0, 0],
    [1, 3, 4, 0, 1],
    [0.5, 0, 1, 0, 0.5],
  ])("error rate %s with %s retries: %s tries per call (variance %s), %s failed", (errorRate, retries, meanTries, variance, failed) => {
    const theory = retryTheory(errorRate, retries);
    expect(theory.meanTries).toBeCloseTo(meanTries, 12);
    expect(theory.triesVariance).toBeCloseTo(variance, 12);
    expect(theory.failedFraction).toBeCloseTo(failed, 12);
  });

  it("agrees with the tries counted one call at a time", () => {
    // Enumerates every outcome of 3 tries at p = 0.4 (a failure retried until a success or the last try).
    const p = 0.4;
    let mean = 0;
    let meanSquare = 0;
    for (const [tries, probability] of [[1, 1 - p], [2, p * (1 - p)], [3, p * p]]) {
      mean += tries * probability;
      meanSquare += tries * tries * probability;
    }
    expect(retryTheory(p, 2).meanTries).toBeCloseTo(mean, 12);
    expect(retryTheory(p, 2).triesVariance).toBeCloseTo(meanSquare - mean * mean, 12);
  });

  it.each([
    [1.5, 2, "errorRate must be between 0 and 1, got 1.5"],
    [NaN, 2, "errorRate must be between 0 and 1, got NaN"],
    [0.3, -1, "retries must be a non-negative integer, got -1"],
    [0.3, 1.5, "retries must be a non-negative integer, got 1.5"],
  ])("retryTheory(%s, %s) throws %j", (errorRate, retries, message) => {
    expect(() => retryTheory(errorRate, retries)).toThrow(new RangeError(message));
  });
});

describe("binomialStandardError", () => {
  it("is sqrt(f (1 - f) / n)", () => {
    expect(binomialStandardError(0.1, 10_000)).toBeCloseTo(0.003, 12);
    expect(binomialStandardError(1, 10_000)).toBe(0);
  });
});

describe("edgeSlack", () => {
  it.each([
    [0.2, 4, 3],
    [5.6, 4, 14],
    [0, 4, 0],
  ])("edgeSlack(%s, %s) is %s whole counts", (inFlight, standardErrors, slack) => {
    expect(edgeSlack(inFlight, standardErrors)).toBe(slack);
  });
});
