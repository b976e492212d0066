// Tests for snapshotPercentile: the same value as rebuilding the histogram from its JSON and
// asking it, for any data and percentile, and the same refusals.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LatencyHistogram } from "../../src/stats/latency-histogram.js";
import { snapshotPercentile } from "../../src/stats/snapshot-percentile.js";

function histogramOf(values: number[]): LatencyHistogram {
  const histogram = new LatencyHistogram();
  for (const value of values) histogram.record(value);
  return histogram;
}

describe("snapshotPercentile", () => {
  it("equals LatencyHistogram.fromJSON(json).valueAtPercentile(p) for any data and p (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (values, p) => {
          const json = histogramOf(values).toJSON();
          expect(snapshotPercentile(json, p)).toBe(LatencyHistogram.fromJSON(json).valueAtPercentile(p));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it("reads the exact min and max at 0 and 100, a bucket's midpoint in between, and NaN when empty", () => {
    const json = histogramOf([1, 2, 3, 4, 1000]).toJSON();
    expect(snapshotPercentile(json, 0)).toBe(1);
    expect(snapshotPercentile(json, 100)).toBe(1000);
    expect(snapshotPercentile(json, 50)).toBeCloseTo(3, 2);
    expect(snapshotPercentile(new LatencyHistogram().toJSON(), 50)).toBeNaN();
  });

  it("refuses a percentile outside [0, 100] and a corrupt snapshot, naming what is wrong", () => {
    const json = histogramOf([1, 2]).toJSON();
    expect(() => snapshotPercentile(json, 101)).toThrow(/percentile must be between 0 and 100, got 101/);
    expect(() => snapshotPercentile(json, Number.NaN)).toThrow(/percentile must be between 0 and 100/);
    expect(() => snapshotPercentile({ ...json, sub: 2048 }, 50)).toThrow(/json\.sub must be 1024, got 2048/);
  });
});
