// Tests for randomExponential: seeded moments against theory, determinism and validation messages.

import { describe, expect, it } from "vitest";
import { randomExponential } from "../../src/random/random-exponential.js";
import { createRng } from "../../src/random/rng.js";
import { DRAWS, expectRelativelyClose, fractionAtMost, sampleMoments } from "./_sample-moments.js";

describe("randomExponential", () => {
  it("randomExponential(rng, 20) has mean 20, variance 400 and P(X <= 20) = 1 - 1/e", () => {
    const { mean, variance, min, values } = sampleMoments(
      randomExponential(createRng(1, "exponential"), 20),
      DRAWS,
    );
    expectRelativelyClose(mean, 20, 0.01);
    expectRelativelyClose(variance, 400, 0.03);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(fractionAtMost(values, 20)).toBeCloseTo(1 - Math.exp(-1), 2);
  });

  it("randomExponential is deterministic for a seeded rng", () => {
    const a = randomExponential(createRng(9, "e"), 5);
    const b = randomExponential(createRng(9, "e"), 5);
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
  });

  it.each([
    [0, "meanMs must be a positive number, got 0"],
    [-1, "meanMs must be a positive number, got -1"],
    [Number.NaN, "meanMs must be a positive number, got NaN"],
    [Infinity, "meanMs must be a positive number, got Infinity"],
  ])("randomExponential(rng, %s) throws %j", (meanMs, message) => {
    expect(() => randomExponential(createRng(1), meanMs)).toThrow(new RangeError(message));
  });
});
