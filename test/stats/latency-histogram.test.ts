// Tests for LatencyHistogram: percentile error bound against exact quantiles and hdr-histogram-js,
// exact merges, JSON round trips, edge cases and validation messages.

import fc from "fast-check";
import * as hdr from "hdr-histogram-js";
import { describe, expect, it } from "vitest";
import { createRng } from "../../src/random/rng.js";
import { randomExponential } from "../../src/random/random-exponential.js";
import { randomLognormal } from "../../src/random/random-lognormal.js";
import { LatencyHistogram, type LatencyHistogramJson } from "../../src/stats/latency-histogram.js";

/** The error bound the class documents for values of at least 1024 ns. */
const RELATIVE_ERROR_BOUND = 2 ** -10;
const PERCENTILES = [0, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100];

/** Seeded latencies from about a microsecond to seconds (lognormal, mean 20 ms, cv 3). */
function seededLatencies(count: number, seed = 1): number[] {
  const sample = randomLognormal(createRng(seed, "histogram-test"), 20, 3);
  return Array.from({ length: count }, () => sample());
}

/** Nearest-rank percentile of sorted values: the smallest value with p% at or below it. */
function exactPercentile(sorted: number[], p: number): number {
  if (p === 0) return sorted[0];
  const exactRank = (p / 100) * sorted.length;
  const rank = Math.max(1, Math.ceil(exactRank - exactRank * Number.EPSILON));
  return sorted[rank - 1];
}

function histogramOf(values: number[]): LatencyHistogram {
  const histogram = new LatencyHistogram();
  for (const value of values) histogram.record(value);
  return histogram;
}

describe("LatencyHistogram percentiles", () => {
  const values = seededLatencies(200_000);
  const sorted = [...values].sort((a, b) => a - b);
  const histogram = histogramOf(values);

  it.each(PERCENTILES)("valueAtPercentile(%s) is within 2^-10 of the exact nearest-rank value", (p) => {
    const exact = exactPercentile(sorted, p);
    const reported = histogram.valueAtPercentile(p);
    expect(Math.abs(reported - exact)).toBeLessThanOrEqual(RELATIVE_ERROR_BOUND * exact);
  });

  it("valueAtPercentile(0) and (100) are the exact min and max", () => {
    expect(histogram.valueAtPercentile(0)).toBe(sorted[0]);
    expect(histogram.valueAtPercentile(100)).toBe(sorted[sorted.length - 1]);
    expect(histogram.min).toBe(sorted[0]);
    expect(histogram.max).toBe(sorted[sorted.length - 1]);
  });

  it("count and mean match the data (mean of whole nanoseconds)", () => {
    expect(histogram.count).toBe(values.length);
    const exactMeanMs = values.reduce((sum, value) => sum + Math.round(value * 1e6), 0) / values.length / 1e6;
    expect(histogram.mean).toBeCloseTo(exactMeanMs, 9);
  });

  it.each(PERCENTILES.filter((p) => p > 0 && p < 100))(
    "valueAtPercentile(%s) lands in the same bucket as hdr-histogram-js with 3 significant digits",
    (p) => {
      const reference = hdr.build({ numberOfSignificantValueDigits: 3 }) as hdr.JsHistogram;
      for (const value of values) reference.recordValue(Math.round(value * 1e6));
      const referenceNs = reference.getValueAtPercentile(p);
      const reportedNs = histogram.valueAtPercentile(p) * 1e6;
      // hdr reports the bucket's highest value, we report its midpoint: same bucket, within half a width.
      expect(reportedNs).toBeGreaterThanOrEqual(reference.lowestEquivalentValue(referenceNs) - 0.5);
      expect(reportedNs).toBeLessThanOrEqual(reference.highestEquivalentValue(referenceNs) + 0.5);
      expect(Math.abs(reportedNs - referenceNs)).toBeLessThanOrEqual(RELATIVE_ERROR_BOUND * referenceNs);
      reference.destroy();
    },
  );

  it("valueAtPercentile is within the bound for sub-millisecond exponential data too", () => {
    const sample = randomExponential(createRng(3, "microseconds"), 0.05);
    const small = Array.from({ length: 50_000 }, () => sample());
    const smallSorted = [...small].sort((a, b) => a - b);
    const smallHistogram = histogramOf(small);
    for (const p of PERCENTILES) {
      const exact = exactPercentile(smallSorted, p);
      const bound = Math.max(RELATIVE_ERROR_BOUND * exact, 0.5e-6);
      expect(Math.abs(smallHistogram.valueAtPercentile(p) - exact)).toBeLessThanOrEqual(bound);
    }
  });

  it("valueAtPercentile keeps the documented bound for any single value (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1.7e7, noNaN: true }), (valueMs) => {
        const probe = new LatencyHistogram();
        // 0 below and a huge value above keep the clamp to [min, max] from hiding the midpoint.
        probe.record(0);
        probe.record(valueMs);
        probe.record(1e9);
        const reported = probe.valueAtPercentile(50);
        const bound = Math.max(RELATIVE_ERROR_BOUND * valueMs, 0.5e-6);
        return Math.abs(reported - valueMs) <= bound;
      }),
      { numRuns: 2000, seed: 42 },
    );
  });

  it("valueAtPercentile returns values below 1024 ns to the nanosecond", () => {
    const probe = histogramOf([0.0005, 0.000999, 0.001023]);
    expect(probe.valueAtPercentile(33)).toBe(0.0005);
    expect(probe.valueAtPercentile(34)).toBe(0.000999);
    expect(probe.valueAtPercentile(99)).toBe(0.001023);
  });
});

describe("LatencyHistogram merge and serialisation", () => {
  const values = seededLatencies(100_000, 2);

  it("merge of two halves equals recording everything, bit for bit", () => {
    const all = histogramOf(values);
    const first = histogramOf(values.slice(0, 40_000));
    const second = histogramOf(values.slice(40_000));
    first.merge(second);
    expect(first.toJSON()).toEqual(all.toJSON());
    expect(Object.is(first.mean, all.mean)).toBe(true);
    for (const p of PERCENTILES) expect(first.valueAtPercentile(p)).toBe(all.valueAtPercentile(p));
  });

  it("merge in any order gives identical JSON and mean", () => {
    const shards = [0, 1, 2, 3].map((i) => values.slice(i * 25_000, (i + 1) * 25_000));
    const forward = new LatencyHistogram();
    for (const shard of shards) forward.merge(histogramOf(shard));
    const backward = new LatencyHistogram();
    for (const shard of [...shards].reverse()) backward.merge(histogramOf(shard));
    expect(JSON.stringify(forward)).toBe(JSON.stringify(backward));
    expect(Object.is(forward.mean, backward.mean)).toBe(true);
  });

  it("merge(empty) changes nothing and empty.merge(h) copies h", () => {
    const histogram = histogramOf(values.slice(0, 100));
    const before = JSON.stringify(histogram);
    histogram.merge(new LatencyHistogram());
    expect(JSON.stringify(histogram)).toBe(before);
    const empty = new LatencyHistogram();
    empty.merge(histogram);
    expect(JSON.stringify(empty)).toBe(before);
  });

  it("fromJSON(JSON.parse(JSON.stringify(h))) round-trips exactly", () => {
    const histogram = histogramOf(values);
    const copy = LatencyHistogram.fromJSON(JSON.parse(JSON.stringify(histogram)) as LatencyHistogramJson);
    expect(copy.toJSON()).toEqual(histogram.toJSON());
    expect(copy.count).toBe(histogram.count);
    expect(Object.is(copy.mean, histogram.mean)).toBe(true);
    for (const p of PERCENTILES) expect(copy.valueAtPercentile(p)).toBe(histogram.valueAtPercentile(p));
  });

  it("mergeJSON(h.toJSON()) is merge(h), bit for bit, in any order and with both sum words", () => {
    const shards = [0, 1, 2, 3].map((i) => histogramOf(values.slice(i * 25_000, (i + 1) * 25_000)));
    const viaMerge = new LatencyHistogram();
    const viaJson = new LatencyHistogram();
    for (const shard of shards) viaMerge.merge(shard);
    for (const shard of [...shards].reverse()) viaJson.mergeJSON(shard.toJSON());
    expect(JSON.stringify(viaJson)).toBe(JSON.stringify(viaMerge));
    expect(Object.is(viaJson.mean, viaMerge.mean)).toBe(true);
    expect(viaJson.stdDeviation).toBe(viaMerge.stdDeviation);
    // Sums with both words in use (2e12 ns has a high word; 2^32 - 1 ns fills the low one).
    const long = histogramOf([4294.967295, 1e3, 2e6]);
    const viaJsonLong = new LatencyHistogram();
    const viaMergeLong = new LatencyHistogram();
    for (let i = 0; i < 50; i++) {
      viaJsonLong.mergeJSON(long.toJSON());
      viaMergeLong.merge(long);
    }
    expect(JSON.stringify(viaJsonLong)).toBe(JSON.stringify(viaMergeLong));
    expect(Object.is(viaJsonLong.mean, viaMergeLong.mean)).toBe(true);
  });

  it("mergeJSON of an empty snapshot changes nothing, and a corrupt one names its field", () => {
    const histogram = histogramOf(values.slice(0, 100));
    const before = JSON.stringify(histogram);
    histogram.mergeJSON(new LatencyHistogram().toJSON());
    expect(JSON.stringify(histogram)).toBe(before);
    const corrupt = { ...histogram.toJSON(), count: 5 };
    expect(() => histogram.mergeJSON(corrupt)).toThrow(/json\.count must equal the sum of json\.counts/);
    expect(JSON.stringify(histogram)).toBe(before);
  });

  it("toJSON is sparse: one entry per non-empty bucket", () => {
    const json = histogramOf([1, 1, 2]).toJSON();
    expect(json.counts).toHaveLength(2);
    expect(json.counts.map(([, count]) => count)).toEqual([2, 1]);
    expect(json.sub).toBe(1024);
  });

  it("fromJSON(toJSON()) of an empty histogram is empty", () => {
    const copy = LatencyHistogram.fromJSON(JSON.parse(JSON.stringify(new LatencyHistogram())));
    expect(copy.count).toBe(0);
    expect(copy.valueAtPercentile(50)).toBeNaN();
  });

  it("recordMany(ms, n) equals n calls of record(ms)", () => {
    const many = new LatencyHistogram();
    many.recordMany(3.25, 1000);
    many.recordMany(7, 0);
    const single = new LatencyHistogram();
    for (let i = 0; i < 1000; i++) single.record(3.25);
    expect(many.toJSON()).toEqual(single.toJSON());
  });

  it("recordMany keeps the sum exact past 2^53 ns (the BigInt path)", () => {
    const many = new LatencyHistogram();
    many.recordMany(1e6, 100_000); // 1e17 ns in one product
    const single = new LatencyHistogram();
    for (let i = 0; i < 100_000; i++) single.record(1e6);
    expect(many.toJSON()).toEqual(single.toJSON());
    expect(many.mean).toBe(1e6);
  });

  it("the sum stays exact when a float sum would drop a nanosecond", () => {
    const histogram = new LatencyHistogram();
    histogram.recordMany(1e6, 10_000); // 1e16 ns, above 2^53
    histogram.record(0.000001); // 1 ns
    const [high, low] = histogram.toJSON().sumNs;
    expect(BigInt(high) * 2n ** 32n + BigInt(low)).toBe(10n ** 16n + 1n);
    expect(1e16 + 1).toBe(1e16); // what a plain float sum would have kept
  });
});

describe("LatencyHistogram edge cases", () => {
  it("an empty histogram reports NaN for percentiles, mean, min and max", () => {
    const empty = new LatencyHistogram();
    expect(empty.count).toBe(0);
    expect(empty.valueAtPercentile(50)).toBeNaN();
    expect(empty.valueAtPercentile(100)).toBeNaN();
    expect(empty.mean).toBeNaN();
    expect(empty.min).toBeNaN();
    expect(empty.max).toBeNaN();
  });

  it("record(0) and negative durations count as 0", () => {
    const histogram = histogramOf([0, -5, -0]);
    expect(histogram.count).toBe(3);
    expect(Object.is(histogram.min, 0)).toBe(true);
    expect(Object.is(histogram.max, 0)).toBe(true);
    expect(histogram.valueAtPercentile(50)).toBe(0);
    expect(histogram.mean).toBe(0);
  });

  it("values above 2^44 ns share the top bucket, but max and p100 stay exact", () => {
    const histogram = histogramOf([1, 2e7, 5e7, 9e9]);
    expect(histogram.max).toBe(9e9);
    expect(histogram.valueAtPercentile(100)).toBe(9e9);
    expect(histogram.mean).toBe((1 + 2e7 + 5e7 + 9e9) / 4);
    // p75 falls in the top bucket: reported as its midpoint (about 1.7e7 ms), clamped to [min, max]
    const p75 = histogram.valueAtPercentile(75);
    expect(p75).toBeGreaterThan(2 ** 43 / 1e6);
    expect(p75).toBeLessThanOrEqual(9e9);
  });

  it("reset() empties the histogram", () => {
    const histogram = histogramOf([1, 2, 3]);
    histogram.reset();
    expect(histogram.toJSON()).toEqual(new LatencyHistogram().toJSON());
    histogram.record(4);
    expect(histogram.valueAtPercentile(50)).toBe(4);
  });

  it.each([
    [Number.NaN, "durationMs must be a finite number below 2^53 ns (about 104 days), got NaN"],
    [Infinity, "durationMs must be a finite number below 2^53 ns (about 104 days), got Infinity"],
    [-Infinity, "durationMs must be a finite number below 2^53 ns (about 104 days), got -Infinity"],
    [1e10, "durationMs must be a finite number below 2^53 ns (about 104 days), got 10000000000"],
  ])("record(%s) throws %j", (durationMs, message) => {
    expect(() => new LatencyHistogram().record(durationMs)).toThrow(new RangeError(message));
    expect(() => new LatencyHistogram().recordMany(durationMs, 1)).toThrow(new RangeError(message));
  });

  it.each([
    [-1, "count must be a non-negative integer, got -1"],
    [1.5, "count must be a non-negative integer, got 1.5"],
    [Number.NaN, "count must be a non-negative integer, got NaN"],
  ])("recordMany(1, %s) throws %j", (count, message) => {
    expect(() => new LatencyHistogram().recordMany(1, count)).toThrow(new RangeError(message));
  });

  it.each([
    [-1, "percentile must be between 0 and 100, got -1"],
    [100.5, "percentile must be between 0 and 100, got 100.5"],
    [Number.NaN, "percentile must be between 0 and 100, got NaN"],
  ])("valueAtPercentile(%s) throws %j", (p, message) => {
    expect(() => histogramOf([1]).valueAtPercentile(p)).toThrow(new RangeError(message));
  });

  // Buckets 1000 and 2000 hold 1000 ns and 2000 ns (1 ns wide below 2048 ns).
  const valid = (): LatencyHistogramJson => ({ sub: 1024, count: 3, min: 0.001, max: 0.002, sumNs: [0, 4000], counts: [[1000, 2], [2000, 1]] });
  it("the valid fixture is valid", () => {
    expect(LatencyHistogram.fromJSON(valid()).toJSON()).toEqual(valid());
  });
  it.each([
    [null, "json must be an object from LatencyHistogram.toJSON, got null"],
    [{ ...valid(), sub: 2048 }, "json.sub must be 1024, got 2048"],
    [{ ...valid(), counts: "x" }, "json.counts must be an array, got x"],
    [{ ...valid(), counts: [[1, 2, 3]] }, "json.counts[0] must be an [index, count] pair, got [1,2,3]"],
    [{ ...valid(), counts: [[2000, 1], [1000, 2]] }, "json.counts[1][0] must be an integer index above 2000 and below 35840, got 1000"],
    [{ ...valid(), counts: [[35840, 3]] }, "json.counts[0][0] must be an integer index above -1 and below 35840, got 35840"],
    [{ ...valid(), counts: [[1000, 0]] }, "json.counts[0][1] must be a positive integer, got 0"],
    [{ ...valid(), count: 4 }, "json.count must equal the sum of json.counts (3), got 4"],
    [{ ...valid(), min: -1 }, "json.min must be a non-negative number, got -1"],
    [{ ...valid(), max: 0.0005 }, "json.max must be a finite number at least json.min (0.001), got 0.0005"],
    [{ ...valid(), sumNs: [0, 2 ** 32] }, "json.sumNs must be [high, low] with integers at least 0 and low < 2^32, got [0,4294967296]"],
    [{ ...valid(), counts: [[900, 2], [2000, 1]] }, "json.counts must lie in the buckets of json.min and json.max (1000..2000), got 900..2000"],
    [{ ...valid(), max: 0.0015 }, "json.counts must lie in the buckets of json.min and json.max (1000..1500), got 1000..2000"],
  ])("fromJSON(%j) throws %j", (json, message) => {
    expect(() => LatencyHistogram.fromJSON(json as LatencyHistogramJson)).toThrow(new RangeError(message));
  });
});

describe("LatencyHistogram standard deviation and buckets", () => {
  it("stdDeviation is the population standard deviation within the bucket error bound", () => {
    const values = seededLatencies(50_000, 7);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const exact = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
    expect(Math.abs(histogramOf(values).stdDeviation - exact) / exact).toBeLessThan(RELATIVE_ERROR_BOUND);
  });

  it("stdDeviation is 0 for one repeated value, NaN when empty, and the same in any merge order", () => {
    const constant = new LatencyHistogram();
    constant.recordMany(3.2, 10);
    expect(constant.stdDeviation).toBe(0);
    expect(new LatencyHistogram().stdDeviation).toBeNaN();
    const values = seededLatencies(2000, 3);
    const [a, b] = [histogramOf(values.slice(0, 700)), histogramOf(values.slice(700))];
    const ab = new LatencyHistogram();
    ab.merge(a);
    ab.merge(b);
    const ba = new LatencyHistogram();
    ba.merge(b);
    ba.merge(a);
    expect(ab.stdDeviation).toBe(ba.stdDeviation);
  });

  it("forEachBucket visits every value once, in order, each inside its bucket's range", () => {
    const values = seededLatencies(5000, 5);
    const histogram = histogramOf(values);
    const buckets: Array<[number, number, number]> = [];
    histogram.forEachBucket((lowMs, highMs, count) => buckets.push([lowMs, highMs, count]));
    expect(buckets.reduce((sum, [, , count]) => sum + count, 0)).toBe(values.length);
    expect(buckets[0][0]).toBe(histogram.min);
    expect(buckets.at(-1)![1]).toBe(histogram.max);
    for (let i = 1; i < buckets.length; i++) expect(buckets[i][0]).toBeGreaterThan(buckets[i - 1][1]);
    for (const value of values) {
      const bucket = buckets.find(([lowMs, highMs]) => value >= lowMs - 1e-6 && value <= highMs + 1e-6);
      expect(bucket, String(value)).toBeDefined();
    }
  });
});
