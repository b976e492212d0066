// Tests for randomGamma: seeded moments against theory for shapes above and below 1, determinism and validation messages.

import { describe, expect, it } from "vitest";
import { randomGamma } from "../../src/random/random-gamma.js";
import { createRng } from "../../src/random/rng.js";
import { DRAWS, expectRelativelyClose, fractionAtMost, sampleMoments } from "./_sample-moments.js";

describe("randomGamma", () => {
  it.each([
    [20, 0.5, 0.03],
    [10, 0.1, 0.03],
    [10, 1, 0.03],
    // shape 0.25 takes the u^(1/shape) boost; its variance converges slowly, so more slack
    [10, 2, 0.05],
  ])("randomGamma(rng, %s, %s) has the requested mean and sd", (meanMs, cv, varianceTolerance) => {
    const { mean, variance, min } = sampleMoments(randomGamma(createRng(1, "gamma", meanMs, cv), meanMs, cv), DRAWS);
    expectRelativelyClose(mean, meanMs, 0.01);
    expectRelativelyClose(variance, (cv * meanMs) ** 2, varianceTolerance);
    expect(min).toBeGreaterThanOrEqual(0);
  });

  it("randomGamma(rng, mean, 1) matches the exponential: P(X <= mean) = 1 - 1/e", () => {
    const { values } = sampleMoments(randomGamma(createRng(2, "gamma"), 10, 1), DRAWS);
    expect(fractionAtMost(values, 10)).toBeCloseTo(1 - Math.exp(-1), 2);
  });

  it("randomGamma(rng, 20, 0) always returns 20", () => {
    const sample = randomGamma(createRng(1), 20, 0);
    expect([sample(), sample()]).toEqual([20, 20]);
  });

  it("randomGamma is deterministic for a seeded rng", () => {
    const a = randomGamma(createRng(9, "g"), 5, 1.5);
    const b = randomGamma(createRng(9, "g"), 5, 1.5);
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
  });

  it.each([
    [-3, 0.5, "meanMs must be a positive number, got -3"],
    [Infinity, 0.5, "meanMs must be a positive number, got Infinity"],
    [10, -1, "cv must be a non-negative number, got -1"],
    [10, Number.NaN, "cv must be a non-negative number, got NaN"],
  ])("randomGamma(rng, %s, %s) throws %j", (meanMs, cv, message) => {
    expect(() => randomGamma(createRng(1), meanMs, cv)).toThrow(new RangeError(message));
  });
});
