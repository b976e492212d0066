// fitServiceTime: a histogram whose mean is the samples' mean, whatever their skew; a lognormal of
// mean and cv for few samples; a constant when they are all equal.

import { describe, expect, it } from "vitest";
import { createRng, meanOf } from "../../../src/random/index.js";
import { fitServiceTime, MIN_EMPIRICAL_SAMPLES } from "../../../src/import/traces/fit-service-time.js";

function lognormalSamples(count: number, seed: number): number[] {
  const rng = createRng(seed, "fit");
  return Array.from({ length: count }, () => Math.exp(Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng()) * 1.2));
}

describe("fitServiceTime", () => {
  it.each([50, 400, 5000])("keeps the mean of %i skewed samples in its histogram (to 0.1%)", (count) => {
    const samples = lognormalSamples(count, count);
    const fitted = fitServiceTime(samples);
    expect(fitted.how).toBe("empirical");
    expect(fitted.count).toBe(count);
    const mean = samples.reduce((a, b) => a + b, 0) / count;
    expect(Math.abs(meanOf(fitted.spec) / mean - 1)).toBeLessThan(0.001);
    const bins = (fitted.spec as unknown as { bins: Array<{ upToMs: number; weight: number }> }).bins;
    bins.forEach((bin, i) => i > 0 && expect(bin.upToMs).toBeGreaterThan(bins[i - 1].upToMs));
    expect(bins.reduce((sum, bin) => sum + bin.weight, 0)).toBe(count);
  });

  it("fits a lognormal of mean and cv to fewer samples than a histogram needs", () => {
    const samples = lognormalSamples(MIN_EMPIRICAL_SAMPLES - 1, 3);
    const fitted = fitServiceTime(samples);
    expect(fitted.spec.type).toBe("lognormal");
    expect((fitted.spec as { meanMs: number }).meanMs).toBeCloseTo(fitted.meanMs, 3);
  });

  it("gives a constant for equal samples, and a histogram of ties without overlapping bars", () => {
    expect(fitServiceTime([2, 2, 2]).spec).toEqual({ type: "constant", valueMs: 2 });
    const ties = [...Array(60).fill(0), ...Array(60).fill(1), ...Array(30).fill(5)];
    const fitted = fitServiceTime(ties);
    expect(Math.abs(meanOf(fitted.spec) - (60 + 150) / 150)).toBeLessThan(0.001);
  });

  it("refuses no samples", () => {
    expect(() => fitServiceTime([])).toThrow(RangeError);
  });
});
