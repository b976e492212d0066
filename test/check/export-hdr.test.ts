// The HdrHistogram export: the run's histogram in hdr-histogram-js (microseconds), a histogram
// log that HdrHistogram's reader reads back, and wrk2's percentile spectrum.

import * as hdr from "hdr-histogram-js";
import { describe, expect, it } from "vitest";
import { renderHdrLog, renderPercentileSpectrum, toHdrHistogram } from "../../src/check/index.js";
import { LatencyHistogram } from "../../src/stats/index.js";
import { makeRun } from "./_results.js";

const values = Array.from({ length: 10_000 }, (_, i) => 0.3 + 2 * ((i * 7919) % 10_000) / 10_000 + (i % 97 === 0 ? 20 : 0));
const histogram = new LatencyHistogram();
for (const value of values) histogram.record(value);
const run = makeRun({ mesh: "istio", rps: 1000, completed: values.length });
run.latencyHistogram = histogram.toJSON();
const context = { scenario: "shop", startedMs: Date.UTC(2024, 4, 14, 10, 0, 0) };

describe("toHdrHistogram", () => {
  it("holds every completed request, in microseconds, within 3 significant digits of the run's percentiles", () => {
    const exported = toHdrHistogram(run);
    expect(exported.totalCount).toBe(values.length);
    for (const p of [50, 90, 99, 99.9]) {
      const expectedUs = histogram.valueAtPercentile(p) * 1000;
      expect(Math.abs(exported.getValueAtPercentile(p) - expectedUs) / expectedUs).toBeLessThan(2e-3);
    }
    exported.destroy();
  });

  it("refuses a run without a histogram, saying what to do", () => {
    expect(() => toHdrHistogram(makeRun())).toThrow("run istio @ 100 rps keeps no latency histogram: rerun it with this meshsim to export HdrHistogram");
  });
});

describe("renderHdrLog", () => {
  const log = renderHdrLog(run, context);

  it("is a version 1.3 histogram log with its start time, legend and one interval", () => {
    expect(log).toContain("#[Histogram log format version 1.3]\n");
    expect(log).toContain("#[StartTime: 1715680800.000 (seconds since epoch)");
    expect(log).toMatch(/"StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"\n0\.000,40\.000,[\d.]+,HISTF/);
  });

  it("reads back with HdrHistogram's log reader to the same distribution", () => {
    const read = new hdr.HistogramLogReader(log).nextIntervalHistogram()!;
    const direct = toHdrHistogram(run);
    expect(read.totalCount).toBe(values.length);
    expect(read.getValueAtPercentile(99)).toBe(direct.getValueAtPercentile(99));
    direct.destroy();
  });
});

describe("renderPercentileSpectrum", () => {
  it("is wrk2's detailed percentile spectrum in milliseconds", () => {
    const text = renderPercentileSpectrum(run);
    expect(text).toMatch(/^ {7}Value {5}Percentile TotalCount 1\/\(1-Percentile\)\n/);
    expect(text).toContain(`Total count    =        ${values.length}]`);
    const median = /\n\s+([\d.]+) 0\.500000000000 /.exec(text)![1];
    expect(Number(median)).toBeCloseTo(histogram.valueAtPercentile(50), 2);
  });
});
