// Tests for createSampler and the analytic moments meanOf, varianceOf and squaredCvOf.

import { describe, expect, it } from "vitest";
import type { DistributionSpec } from "../../src/random/distribution-spec.js";
import { createRng } from "../../src/random/rng.js";
import { createSampler, meanOf, squaredCvOf, varianceOf } from "../../src/random/sample-distribution.js";
import { DRAWS, expectRelativelyClose, sampleMoments } from "./_sample-moments.js";

const SPECS: Array<[DistributionSpec, number, number]> = [
  [{ type: "constant", valueMs: 5 }, 5, 0],
  [{ type: "uniform", minMs: 10, maxMs: 30 }, 20, 400 / 12],
  [{ type: "exponential", meanMs: 20 }, 20, 400],
  [{ type: "lognormal", meanMs: 20, cv: 0.5 }, 20, 100],
  [{ type: "gamma", meanMs: 20, cv: 0.5 }, 20, 100],
  [{ type: "erlang", meanMs: 20, k: 4 }, 20, 100],
  [
    {
      type: "empirical",
      bins: [
        { upToMs: 10, weight: 1 },
        { upToMs: 30, weight: 1 },
      ],
    },
    // midpoints 5 and 20, equal weight; variance 0.5*(100/12 + 56.25) + 0.5*(400/12 + 56.25)
    12.5,
    0.5 * (100 / 12 + 56.25) + 0.5 * (400 / 12 + 56.25),
  ],
];

describe("meanOf, varianceOf and squaredCvOf", () => {
  it.each(SPECS)("meanOf(%j) is %s and varianceOf is %s", (spec, mean, variance) => {
    expect(meanOf(spec)).toBeCloseTo(mean, 12);
    expect(varianceOf(spec)).toBeCloseTo(variance, 10);
    expect(squaredCvOf(spec)).toBeCloseTo(variance / (mean * mean), 12);
  });

  it("squaredCvOf of a constant 0 is 0, not NaN", () => {
    expect(squaredCvOf({ type: "constant", valueMs: 0 })).toBe(0);
  });

  it.each([
    [{ type: "exponential", meanMs: -1 }, "meanMs must be a positive number, got -1"],
    [{ type: "erlang", meanMs: 1, k: 0 }, "k must be a positive integer, got 0"],
    [{ type: "uniform", minMs: 2, maxMs: 1 }, "maxMs must be a finite number at least minMs (2), got 1"],
    [{ type: "empirical", bins: [] }, "bins must be a non-empty array, got []"],
  ])("meanOf(%j) throws %j", (spec, message) => {
    expect(() => meanOf(spec as DistributionSpec)).toThrow(new RangeError(message));
    expect(() => varianceOf(spec as DistributionSpec)).toThrow(new RangeError(message));
  });
});

describe("createSampler", () => {
  it.each(SPECS)("createSampler(%j) samples with the analytic mean and variance", (spec, mean, variance) => {
    const moments = sampleMoments(createSampler(spec, createRng(1, "sampler", spec.type)), DRAWS);
    expectRelativelyClose(moments.mean, mean, 0.01);
    if (variance === 0) expect(moments.variance).toBe(0);
    else expectRelativelyClose(moments.variance, variance, 0.03);
  });

  it("createSampler(spec, rng) draws the same sequence as the factory for the same rng", () => {
    const a = createSampler({ type: "gamma", meanMs: 3, cv: 2 }, createRng(5, "s"));
    const b = createSampler({ type: "gamma", meanMs: 3, cv: 2 }, createRng(5, "s"));
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
  });

  it.each([
    [{ type: "weibull", meanMs: 1 }, 'type must be one of constant, uniform, exponential, lognormal, gamma, erlang, empirical, got "weibull"'],
    [{}, "type must be one of constant, uniform, exponential, lognormal, gamma, erlang, empirical, got undefined"],
  ])("createSampler(%j) throws %j", (spec, message) => {
    expect(() => createSampler(spec as unknown as DistributionSpec, createRng(1))).toThrow(new RangeError(message));
    expect(() => meanOf(spec as unknown as DistributionSpec)).toThrow(new RangeError(message));
  });

  it.each([
    [{ type: "lognormal", meanMs: 1, cv: -2 }, "cv must be a non-negative number, got -2"],
    [{ type: "constant", valueMs: -2 }, "valueMs must be a non-negative number, got -2"],
  ])("createSampler(%j) throws %j", (spec, message) => {
    expect(() => createSampler(spec as DistributionSpec, createRng(1))).toThrow(new RangeError(message));
  });
});
