// Tests for randomUniform: seeded moments against theory, determinism and validation messages.

import { describe, expect, it } from "vitest";
import { randomUniform } from "../../src/random/random-uniform.js";
import { createRng } from "../../src/random/rng.js";
import { DRAWS, expectRelativelyClose, sampleMoments } from "./_sample-moments.js";

describe("randomUniform", () => {
  it("randomUniform(rng, 10, 30) has mean 20 and variance 400/12, within [10, 30)", () => {
    const { mean, variance, min, max } = sampleMoments(randomUniform(createRng(1, "uniform"), 10, 30), DRAWS);
    expectRelativelyClose(mean, 20, 0.01);
    expectRelativelyClose(variance, 400 / 12, 0.02);
    expect(min).toBeGreaterThanOrEqual(10);
    expect(max).toBeLessThan(30);
  });

  it("randomUniform(rng, 7, 7) always returns 7", () => {
    const sample = randomUniform(createRng(1), 7, 7);
    expect([sample(), sample(), sample()]).toEqual([7, 7, 7]);
  });

  it("randomUniform is deterministic for a seeded rng", () => {
    const a = randomUniform(createRng(9, "u"), 0, 1);
    const b = randomUniform(createRng(9, "u"), 0, 1);
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
  });

  it.each([
    [-1, 5, "minMs must be a non-negative number, got -1"],
    [Number.NaN, 5, "minMs must be a non-negative number, got NaN"],
    [5, 4, "maxMs must be a finite number at least minMs (5), got 4"],
    [5, Infinity, "maxMs must be a finite number at least minMs (5), got Infinity"],
    [5, Number.NaN, "maxMs must be a finite number at least minMs (5), got NaN"],
  ])("randomUniform(rng, %s, %s) throws %j", (minMs, maxMs, message) => {
    expect(() => randomUniform(createRng(1), minMs, maxMs)).toThrow(new RangeError(message));
  });
});
