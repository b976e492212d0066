// Tests for Welford: agreement with simple-statistics, numerical stability, merges and JSON round trips.

import { mean, sampleVariance } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { createRng } from "../../src/random/rng.js";
import { randomLognormal } from "../../src/random/random-lognormal.js";
import { Welford } from "../../src/stats/welford.js";

function seededValues(count: number, seed = 1): number[] {
  const sample = randomLognormal(createRng(seed, "welford-test"), 20, 1);
  return Array.from({ length: count }, () => sample());
}

function welfordOf(values: number[]): Welford {
  const welford = new Welford();
  for (const value of values) welford.add(value);
  return welford;
}

describe("Welford", () => {
  const values = seededValues(10_000);

  it("add() gives the same mean and sample variance as simple-statistics", () => {
    const welford = welfordOf(values);
    expect(welford.count).toBe(values.length);
    expect(welford.mean).toBeCloseTo(mean(values), 10);
    expect(welford.variance / sampleVariance(values)).toBeCloseTo(1, 12);
    expect(welford.standardDeviation).toBeCloseTo(Math.sqrt(sampleVariance(values)), 10);
  });

  it("variance uses Bessel's correction: [1, 3] has variance 2", () => {
    const welford = welfordOf([1, 3]);
    expect(welford.mean).toBe(2);
    expect(welford.variance).toBe(2);
  });

  it("stays accurate for a large offset where the naive sum of squares fails", () => {
    const welford = welfordOf([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
    expect(welford.variance).toBeCloseTo(30, 6);
  });

  it.each([
    [1, 9_999],
    [5_000, 5_000],
    [9_999, 1],
  ])("merge() of parts of %s and %s values equals adding them all", (first) => {
    const merged = welfordOf(values.slice(0, first));
    merged.merge(welfordOf(values.slice(first)));
    const all = welfordOf(values);
    expect(merged.count).toBe(all.count);
    expect(merged.mean / all.mean).toBeCloseTo(1, 12);
    expect(merged.variance / all.variance).toBeCloseTo(1, 12);
  });

  it("merge() with an empty accumulator on either side copies the other", () => {
    const some = welfordOf([1, 2, 4]);
    const empty = new Welford();
    empty.merge(some);
    expect(empty.toJSON()).toEqual(some.toJSON());
    some.merge(new Welford());
    expect(some.toJSON()).toEqual(empty.toJSON());
  });

  it("reports NaN for the mean of nothing and the variance of fewer than two values", () => {
    const welford = new Welford();
    expect(welford.count).toBe(0);
    expect(welford.mean).toBeNaN();
    expect(welford.variance).toBeNaN();
    welford.add(5);
    expect(welford.mean).toBe(5);
    expect(welford.variance).toBeNaN();
  });

  it("fromJSON(JSON.parse(JSON.stringify(w))) round-trips exactly", () => {
    const welford = welfordOf(values);
    const copy = Welford.fromJSON(JSON.parse(JSON.stringify(welford)));
    expect(copy.toJSON()).toEqual(welford.toJSON());
    expect(Object.is(copy.variance, welford.variance)).toBe(true);
  });

  it.each([[Number.NaN], [Infinity], [-Infinity]])("add(%s) throws: value must be a finite number", (value) => {
    expect(() => new Welford().add(value)).toThrow(new RangeError(`value must be a finite number, got ${value}`));
  });

  it.each([
    [{ count: -1, mean: 0, m2: 0 }, "json.count must be a non-negative integer, got -1"],
    [{ count: 1.5, mean: 0, m2: 0 }, "json.count must be a non-negative integer, got 1.5"],
    [{ count: 2, mean: Number.NaN, m2: 0 }, "json.mean must be a finite number, got NaN"],
    [{ count: 2, mean: 0, m2: -1 }, "json.m2 must be a non-negative number, got -1"],
  ])("fromJSON(%j) throws %j", (json, message) => {
    expect(() => Welford.fromJSON(json)).toThrow(new RangeError(message));
  });
});
