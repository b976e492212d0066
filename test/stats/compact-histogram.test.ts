import { describe, expect, it } from "vitest";
import { createRng } from "../../src/random/index.js";
import { CompactHistogram, LatencyHistogram } from "../../src/stats/index.js";

describe("CompactHistogram", () => {
  it("percentiles are within 1/64 of the exact nearest-rank sample", () => {
    const rng = createRng(3, "compact");
    const values = Array.from({ length: 20_000 }, () => -Math.log1p(-rng()) * 7);
    const histogram = new CompactHistogram();
    for (const v of values) histogram.record(v);
    const sorted = [...values].sort((a, b) => a - b);
    for (const p of [1, 50, 90, 99, 99.9]) {
      const exact = sorted[Math.ceil((p / 100) * sorted.length) - 1];
      expect(Math.abs(histogram.valueAtPercentile(p) - exact) / exact).toBeLessThanOrEqual(1 / 64 + 1e-6);
    }
    expect(histogram.valueAtPercentile(100)).toBe(sorted.at(-1));
    expect(histogram.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 6);
  });

  it("merging in any order gives identical JSON, and fromJSON(toJSON) round-trips", () => {
    const parts = [0, 1, 2].map((part) => {
      const h = new CompactHistogram();
      for (let i = 1; i <= 500; i++) h.record(((i * (part + 3)) % 97) * 0.37 + 1e5 * part);
      return h;
    });
    const forward = new CompactHistogram();
    const backward = new CompactHistogram();
    for (const h of parts) forward.merge(h);
    for (const h of [...parts].reverse()) backward.merge(CompactHistogram.fromJSON(h.toJSON()));
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
    expect(forward.count).toBe(1500);
  });

  it("is far smaller than the full histogram yet agrees with its p99 within 2%", () => {
    const compact = new CompactHistogram();
    const full = new LatencyHistogram();
    for (let i = 1; i <= 10_000; i++) {
      compact.record(i * 0.013);
      full.record(i * 0.013);
    }
    expect(Math.abs(compact.valueAtPercentile(99) / full.valueAtPercentile(99) - 1)).toBeLessThan(0.02);
  });

  it("an empty histogram reports NaN", () => {
    const empty = new CompactHistogram();
    expect(empty.valueAtPercentile(50)).toBeNaN();
    expect(empty.mean).toBeNaN();
  });

  it.each([
    [{ sub: 1024 }, "json.sub must be 32, got 1024"],
    [{ counts: [[5, 1], [5, 1]] }, "json.counts[1][0] must be an integer index above 5"],
    [{ count: 3 }, "json.count must equal the sum of json.counts (2), got 3"],
  ])("fromJSON refuses %j", (change, message) => {
    const good = { sub: 32, count: 2, min: 1, max: 2, sumNs: [0, 3e6] as [number, number], counts: [[5, 1], [6, 1]] as Array<[number, number]> };
    expect(() => CompactHistogram.fromJSON({ ...good, ...change } as never)).toThrow(message);
  });

  it("record refuses a non-finite duration", () => {
    expect(() => new CompactHistogram().record(Number.NaN)).toThrow("durationMs must be a finite number, got NaN");
  });

  it("histograms that share a block of counts keep their own (across the 64-histogram block boundary)", () => {
    const histograms = Array.from({ length: 150 }, () => new CompactHistogram());
    histograms.forEach((histogram, index) => histogram.record(1 + index));
    histograms.forEach((histogram, index) => {
      expect(histogram.count).toBe(1);
      expect(histogram.valueAtPercentile(50)).toBe(1 + index);
      expect(histogram.toJSON().counts).toHaveLength(1);
    });
    const merged = new CompactHistogram();
    for (const histogram of histograms) merged.merge(histogram);
    expect(merged.count).toBe(150);
    expect(histograms[0].count).toBe(1);
  });

  it("toPacked and fromPacked round-trip exactly, and the packed form holds what toJSON's pairs hold", () => {
    const histogram = new CompactHistogram();
    for (let i = 0; i < 2000; i++) histogram.record(0.01 + (i % 113) * 0.37 + (i % 7 === 0 ? 5e3 : 0));
    const packed = JSON.parse(JSON.stringify(histogram.toPacked()));
    expect(packed.buckets).toEqual(histogram.toJSON().counts.flat());
    expect(JSON.stringify(CompactHistogram.fromPacked(packed).toJSON())).toBe(JSON.stringify(histogram.toJSON()));
    expect(CompactHistogram.fromPacked(new CompactHistogram().toPacked()).count).toBe(0);
  });

  it.each([
    [{ count: 1, min: 1, max: 1, sumNs: [0, 1e6], buckets: [5] }, "json.buckets must be a list of index, count pairs"],
    [{ count: 1, min: 1, max: 1, sumNs: [0, 1e6], buckets: [9999, 1] }, "json.buckets[0] must be an integer index above -1 and below 1280"],
    [{ count: 1, min: 1, max: 1, sumNs: [0, 1e6], buckets: [5, 0] }, "json.buckets[1] must be a positive integer"],
    [{ count: 2, min: 1, max: 1, sumNs: [0, 1e6], buckets: [5, 1] }, "json.count must equal the sum of json.buckets (1), got 2"],
  ])("fromPacked refuses %j", (packed, message) => {
    expect(() => CompactHistogram.fromPacked(packed as never)).toThrow(message);
  });
});
