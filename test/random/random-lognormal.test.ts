// Tests for randomLognormal: seeded mean, variance and median against theory, determinism and validation messages.

import { describe, expect, it } from "vitest";
import { randomLognormal } from "../../src/random/random-lognormal.js";
import { createRng } from "../../src/random/rng.js";
import { DRAWS, expectRelativelyClose, fractionAtMost, sampleMoments } from "./_sample-moments.js";

describe("randomLognormal", () => {
  it.each([
    [20, 0.5],
    [100, 0.25],
    [5, 1],
  ])("randomLognormal(rng, %s, %s) has the requested mean and sd, and its median below 1/2", (meanMs, cv) => {
    const { mean, variance, min, values } = sampleMoments(
      randomLognormal(createRng(1, "lognormal", meanMs, cv), meanMs, cv),
      DRAWS,
    );
    expectRelativelyClose(mean, meanMs, 0.01);
    expectRelativelyClose(variance, (cv * meanMs) ** 2, cv >= 1 ? 0.06 : 0.03);
    expect(min).toBeGreaterThan(0);
    const medianMs = meanMs / Math.sqrt(1 + cv * cv);
    expect(fractionAtMost(values, medianMs)).toBeCloseTo(0.5, 2);
  });

  it("draws median x exp(sigma z), z by the polar method with its second variate kept, bit for bit (every result rests on these numbers)", () => {
    const rng = createRng(3, "polar");
    const sigma = Math.sqrt(Math.log1p(1.3 * 1.3));
    const median = 0.032 * Math.exp(-(sigma * sigma) / 2);
    let spare: number | undefined;
    const polar = (): number => {
      if (spare !== undefined) {
        const kept = spare;
        spare = undefined;
        return kept;
      }
      let u: number, v: number, s: number;
      do {
        u = 2 * rng() - 1;
        v = 2 * rng() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const factor = Math.sqrt((-2 * Math.log(s)) / s);
      spare = v * factor;
      return u * factor;
    };
    const expected = Array.from({ length: 1000 }, () => median * Math.exp(sigma * polar()));
    const sample = randomLognormal(createRng(3, "polar"), 0.032, 1.3);
    expect(Array.from({ length: 1000 }, () => sample())).toEqual(expected);
  });

  it("randomLognormal(rng, 20, 0) always returns 20", () => {
    const sample = randomLognormal(createRng(1), 20, 0);
    expect([sample(), sample()]).toEqual([20, 20]);
  });

  it("randomLognormal is deterministic for a seeded rng", () => {
    const a = randomLognormal(createRng(9, "l"), 5, 0.7);
    const b = randomLognormal(createRng(9, "l"), 5, 0.7);
    for (let i = 0; i < 101; i++) expect(a()).toBe(b());
  });

  it.each([
    [0, 0.5, "meanMs must be a positive number, got 0"],
    [Number.NaN, 0.5, "meanMs must be a positive number, got NaN"],
    [10, -0.1, "cv must be a non-negative number, got -0.1"],
    [10, Infinity, "cv must be a non-negative number, got Infinity"],
  ])("randomLognormal(rng, %s, %s) throws %j", (meanMs, cv, message) => {
    expect(() => randomLognormal(createRng(1), meanMs, cv)).toThrow(new RangeError(message));
  });
});
