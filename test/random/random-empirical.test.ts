// Tests for randomEmpirical: bin weights, mixture moments, zero-weight bins and validation messages.

import { describe, expect, it } from "vitest";
import { randomEmpirical } from "../../src/random/random-empirical.js";
import { createRng } from "../../src/random/rng.js";
import { meanOf, varianceOf } from "../../src/random/sample-distribution.js";
import { DRAWS, expectRelativelyClose, fractionAtMost, sampleMoments } from "./_sample-moments.js";

const BINS = [
  { upToMs: 10, weight: 6 },
  { upToMs: 20, weight: 0 },
  { upToMs: 50, weight: 3 },
  { upToMs: 200, weight: 1 },
];

describe("randomEmpirical", () => {
  it("randomEmpirical(rng, bins) picks bins by weight and matches the mixture mean and variance", () => {
    const { mean, variance, min, max, values } = sampleMoments(randomEmpirical(createRng(1, "empirical"), BINS), DRAWS);
    const spec = { type: "empirical", bins: BINS } as const;
    expectRelativelyClose(mean, meanOf(spec), 0.01);
    expectRelativelyClose(variance, varianceOf(spec), 0.03);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThanOrEqual(200);
    expect(fractionAtMost(values, 10)).toBeCloseTo(0.6, 2);
    // the zero-weight bin (10, 20] is never picked
    expect(fractionAtMost(values, 20)).toBe(fractionAtMost(values, 10));
  });

  it("randomEmpirical(rng, bins) with one bin is uniform on [0, upToMs]", () => {
    const { mean } = sampleMoments(randomEmpirical(createRng(2), [{ upToMs: 8, weight: 1 }]), DRAWS);
    expectRelativelyClose(mean, 4, 0.01);
  });

  it("randomEmpirical(rng, bins) with a zero-weight last bin never reaches it", () => {
    const sample = randomEmpirical(createRng(3), [
      { upToMs: 1, weight: 1 },
      { upToMs: 2, weight: 0 },
    ]);
    for (let i = 0; i < 10_000; i++) expect(sample()).toBeLessThanOrEqual(1);
  });

  it("randomEmpirical is deterministic for a seeded rng", () => {
    const a = randomEmpirical(createRng(9, "x"), BINS);
    const b = randomEmpirical(createRng(9, "x"), BINS);
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
  });

  it.each([
    [[], "bins must be a non-empty array, got []"],
    [undefined, "bins must be a non-empty array, got undefined"],
    [[{ upToMs: -1, weight: 1 }], "bins[0].upToMs must be a non-negative number, got -1"],
    [[{ upToMs: 1, weight: 1 }, { upToMs: Number.NaN, weight: 1 }], "bins[1].upToMs must be a non-negative number, got NaN"],
    [
      [{ upToMs: 5, weight: 1 }, { upToMs: 5, weight: 1 }],
      "bins[1].upToMs must be greater than bins[0].upToMs (5), got 5",
    ],
    [
      [{ upToMs: 5, weight: 1 }, { upToMs: 3, weight: 1 }],
      "bins[1].upToMs must be greater than bins[0].upToMs (5), got 3",
    ],
    [[{ upToMs: 5, weight: -1 }], "bins[0].weight must be a non-negative number, got -1"],
    [[{ upToMs: 5, weight: Infinity }], "bins[0].weight must be a non-negative number, got Infinity"],
    [
      [{ upToMs: 5, weight: 0 }, { upToMs: 6, weight: 0 }],
      "bins must have at least one positive weight, got all zero",
    ],
  ])("randomEmpirical(rng, %j) throws %j", (bins, message) => {
    expect(() => randomEmpirical(createRng(1), bins as never)).toThrow(new RangeError(message));
  });
});
