// Tests for confidenceInterval95 and confidenceHalfWidth95: known intervals, seeded coverage and validation messages.

import { describe, expect, it } from "vitest";
import { createRng } from "../../src/random/rng.js";
import { randomLognormal } from "../../src/random/random-lognormal.js";
import { randomUniform } from "../../src/random/random-uniform.js";
import { confidenceHalfWidth95, confidenceInterval95 } from "../../src/stats/confidence-interval.js";

describe("confidenceInterval95", () => {
  it.each([[[]], [[5]]])("confidenceInterval95(%j) is null: fewer than two values", (values) => {
    expect(confidenceInterval95(values)).toBeNull();
  });

  it("confidenceInterval95([10, 12, 11, 13]) is 11.5 +/- t(3) * s / 2", () => {
    const interval = confidenceInterval95([10, 12, 11, 13]);
    const halfWidth = (3.1824463052837078 * Math.sqrt(5 / 3)) / 2;
    expect(interval?.[0]).toBeCloseTo(11.5 - halfWidth, 12);
    expect(interval?.[1]).toBeCloseTo(11.5 + halfWidth, 12);
  });

  it("confidenceInterval95 of identical values is a single point", () => {
    expect(confidenceInterval95([7, 7, 7])).toEqual([7, 7]);
  });

  it("confidenceInterval95 covers the true mean about 95% of the time (n = 5, seeded)", () => {
    // Means of 12 uniforms are close to normal, as replication means are.
    const uniform = randomUniform(createRng(1, "ci-coverage"), 0, 1);
    const trials = 4000;
    let covered = 0;
    for (let trial = 0; trial < trials; trial++) {
      const values = Array.from({ length: 5 }, () => {
        let sum = 0;
        for (let i = 0; i < 12; i++) sum += uniform();
        return sum / 12;
      });
      const [lower, upper] = confidenceInterval95(values) ?? [Number.NaN, Number.NaN];
      if (lower <= 0.5 && 0.5 <= upper) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.935);
    expect(covered / trials).toBeLessThan(0.965);
  });

  it("confidenceInterval95 narrows as replications grow", () => {
    const sample = randomLognormal(createRng(2, "ci-width"), 10, 0.2);
    const values = Array.from({ length: 400 }, () => sample());
    const width = (interval: [number, number] | null): number => (interval ? interval[1] - interval[0] : Number.NaN);
    expect(width(confidenceInterval95(values))).toBeLessThan(width(confidenceInterval95(values.slice(0, 10))));
  });

  it.each([
    [[1, Number.NaN], "values[1] must be a finite number, got NaN"],
    [[Infinity, 1], "values[0] must be a finite number, got Infinity"],
  ])("confidenceInterval95(%j) throws %j", (values, message) => {
    expect(() => confidenceInterval95(values)).toThrow(new RangeError(message));
  });
});

describe("confidenceHalfWidth95", () => {
  it("confidenceHalfWidth95([10, 12, 11, 13]) is t(3) * s / 2, half of confidenceInterval95's width", () => {
    const halfWidth = (3.1824463052837078 * Math.sqrt(5 / 3)) / 2;
    expect(confidenceHalfWidth95([10, 12, 11, 13])).toBeCloseTo(halfWidth, 12);
    const [lower, upper] = confidenceInterval95([10, 12, 11, 13])!;
    expect((upper - lower) / 2).toBeCloseTo(confidenceHalfWidth95([10, 12, 11, 13])!, 12);
  });

  it.each([[[]], [[5]]])("confidenceHalfWidth95(%j) is null: fewer than two values", (values) => {
    expect(confidenceHalfWidth95(values)).toBeNull();
  });

  it("confidenceHalfWidth95([1, NaN]) throws naming the value", () => {
    expect(() => confidenceHalfWidth95([1, Number.NaN])).toThrow(new RangeError("values[1] must be a finite number, got NaN"));
  });
});
