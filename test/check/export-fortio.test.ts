import { describe, expect, it } from "vitest";
import { toFortioResult } from "../../src/check/index.js";
import { parseMeasurement } from "../../src/validation/index.js";
import { LatencyHistogram } from "../../src/stats/index.js";
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
    expect(data).not.toBeNull();
    if (data === null) return;
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

  it("counts the load generator's sockets: one per connection with keep-alive, one per request without, 0s when the load is not known", () => {
    const load = { requestBytes: 0, responseBytes: 1024, keepAlive: true, uniform: false };
    const kept = toFortioResult(run, { ...context, load });
    expect(kept.Sockets).toEqual(Array.from({ length: 16 }, () => 1));
    expect(kept.SocketCount).toBe(16);
    const fresh = toFortioResult(run, { ...context, load: { ...load, keepAlive: false } });
    // 40,000 requests (39,990 completed, 10 failed) over 16 threads.
    expect(fresh.Sockets).toEqual(Array.from({ length: 16 }, () => 2500));
    expect(fresh.SocketCount).toBe(40_000);
    expect(result.Sockets).toEqual(Array.from({ length: 16 }, () => 0));
    expect(result.SocketCount).toBe(0);
  });

  it("writes one thread when the connections are not known (a results document does not say)", () => {
    expect(toFortioResult(run, { ...context, connections: undefined }).NumThreads).toBe(1);
  });
});

/** Every field `fortio load -json` (1.57, HTTP) writes, in its order. */
const FORTIO_FIELDS = [
  "RunType", "Labels", "StartTime", "RequestedQPS", "RequestedDuration", "ActualQPS", "ActualDuration", "NumThreads", "Version",
  "DurationHistogram", "ErrorsDurationHistogram", "Exactly", "Jitter", "Uniform", "NoCatchUp", "RunID", "AccessLoggerInfo", "ID",
  "RetCodes", "IPCountMap", "Insecure", "MTLS", "CACert", "Cert", "Key", "UnixDomainSocket", "URL", "NumConnections", "Compression",
  "DisableFastClient", "HTTP10", "H2", "DisableKeepAlive", "AllowHalfClose", "FollowRedirects", "Resolve", "HTTPReqTimeOut",
  "UserCredentials", "ContentType", "Payload", "MethodOverride", "LogErrors", "SequentialWarmup", "ConnReuseRange", "NoResolveEachConn",
  "Offset", "Resolution", "Sizes", "HeaderSizes", "Sockets", "SocketCount", "ConnectionStats", "AbortOn",
];

describe("toFortioResult of a run with its histogram", () => {
  const values = Array.from({ length: 20_000 }, (_, i) => 0.2 + 5 * ((i * 7919) % 20_000) / 20_000);
  const histogram = new LatencyHistogram();
  for (const value of values) histogram.record(value);
  const run = makeRun({ mesh: "istio", rps: 1000, completed: values.length });
  run.latencyHistogram = histogram.toJSON();
  run.latencyMs = { ...run.latencyMs, mean: histogram.mean, max: histogram.max, min: histogram.min, stdDev: histogram.stdDeviation };
  const result = toFortioResult(run, context);
  const durations = result.DurationHistogram;

  it("has every field Fortio writes, in Fortio's order", () => {
    expect(Object.keys(result)).toEqual(FORTIO_FIELDS);
    expect(Object.keys(durations)).toEqual(["Count", "Min", "Max", "Sum", "Avg", "StdDev", "Data", "Percentiles"]);
  });

  it("has Min, StdDev and the percentiles Fortio prints, p75 included, from the histogram", () => {
    expect(durations.Min).toBeCloseTo(histogram.min / 1000, 7);
    expect(durations.StdDev).toBeCloseTo(histogram.stdDeviation / 1000, 7);
    expect(durations.Percentiles!.map((entry) => entry.Percentile)).toEqual([50, 75, 90, 99, 99.9]);
    expect(durations.Percentiles![1].Value).toBeCloseTo(histogram.valueAtPercentile(75) / 1000, 7);
  });

  it("has fine buckets from Min to Max, at most 1/64 of a power of two wide, counting every request", () => {
    const data = durations.Data!;
    expect(data.length).toBeGreaterThan(100);
    expect(data.reduce((sum, bucket) => sum + bucket.Count, 0)).toBe(values.length);
    expect(data[0].Start).toBeCloseTo(durations.Min!, 12);
    expect(data.at(-1)!.End).toBeCloseTo(durations.Max, 12);
    expect(data.at(-1)!.Percent).toBe(100);
    for (const bucket of data) expect((bucket.End - bucket.Start) / bucket.Start).toBeLessThanOrEqual(1 / 64);
    for (let i = 1; i < data.length; i++) expect(data[i].Percent).toBeGreaterThan(data[i - 1].Percent);
  });
});
