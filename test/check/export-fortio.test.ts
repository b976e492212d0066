import { describe, expect, it } from "vitest";
import { toFortioResult } from "../../src/check/index.js";
import { parseMeasurement } from "../../src/validation/index.js";
import { makeRun } from "./_results.js";

const context = { scenario: "shop", version: "1.2.3", startedMs: Date.UTC(2024, 4, 14, 10, 0, 0), connections: 16 };

describe("toFortioResult", () => {
  const run = makeRun({ mesh: "istio", rps: 1000, p50: 0.4, p99: 1.2, completed: 39_990, failed: 10 });
  const result = toFortioResult(run, context);

  it("uses Fortio's field names, seconds for durations and nanoseconds for ActualDuration", () => {
    expect(result).toMatchObject({
      RunType: "HTTP",
      Labels: "meshsim shop istio mtls=permissive",
      StartTime: "2024-05-14T10:00:00.000Z",
      RequestedQPS: "1000",
      RequestedDuration: "40s",
      ActualQPS: 1000,
      ActualDuration: 40_000_000_000,
      NumThreads: 16,
      Version: "meshsim 1.2.3",
      RetCodes: { "200": 39_990, "503": 10 },
    });
    const histogram = result.DurationHistogram;
    expect(histogram.Count).toBe(39_990);
    expect(histogram.Avg).toBeCloseTo(0.00044, 12);
    expect(histogram.Sum).toBeCloseTo(0.00044 * 39_990, 9);
    expect(histogram.Max).toBeCloseTo(0.0024, 12);
    expect(histogram.Percentiles).toEqual([
      { Percentile: 50, Value: 0.0004 },
      { Percentile: 90, Value: 0.0008 },
      { Percentile: 99, Value: 0.0012 },
      { Percentile: 99.9, Value: 0.0018 },
    ]);
  });

  it("keeps buckets between the percentiles whose counts add up to Count", () => {
    const data = result.DurationHistogram.Data;
    expect(data.map((bucket) => bucket.Percent)).toEqual([50, 90, 99, 99.9, 100]);
    expect(data.reduce((sum, bucket) => sum + bucket.Count, 0)).toBe(39_990);
    for (let i = 1; i < data.length; i++) expect(data[i].Start).toBe(data[i - 1].End);
  });

  it("gives the tail to the last bucket when percentiles equal the maximum", () => {
    const flat = makeRun({ p50: 1, p99: 1 });
    flat.latencyMs = { ...flat.latencyMs, p90: 1, p999: 1, max: 1 };
    const data = toFortioResult(flat, context).DurationHistogram.Data;
    expect(data).toEqual([{ Start: 0, End: 0.001, Percent: 100, Count: 1000 }]);
  });

  it("round-trips through the --measured parser", () => {
    const measurement = parseMeasurement(JSON.parse(JSON.stringify(result)), "istio.fortio.json");
    expect(measurement.format).toBe("fortio");
    expect(measurement.qps).toBe(1000);
    expect(measurement.requestedQps).toBe(1000);
    expect(measurement.percentiles.map((entry) => [entry.percentile, entry.valueMs])).toEqual([
      [50, expect.closeTo(0.4, 12)],
      [90, expect.closeTo(0.8, 12)],
      [99, expect.closeTo(1.2, 12)],
      [99.9, expect.closeTo(1.8, 12)],
    ]);
    expect(measurement.meanMs).toBeCloseTo(0.44, 12);
    expect(measurement.maxMs).toBeCloseTo(2.4, 12);
    expect(measurement.count).toBe(39_990);
    expect(measurement.failedRate).toBeCloseTo(10 / 40_000, 12);
  });

  it("leaves NumThreads out when the connections are not known", () => {
    expect("NumThreads" in toFortioResult(run, { ...context, connections: undefined })).toBe(false);
  });
});
