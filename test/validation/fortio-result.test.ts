import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseFortioResult } from "../../src/validation/index.js";

const FIXTURE = join(import.meta.dirname, "../fixtures/fortio-istio-1000qps.json");
const fixture = () => JSON.parse(readFileSync(FIXTURE, "utf8"));

describe("parseFortioResult", () => {
  it("reads the rates, percentiles (seconds to ms), mean, max, count and failures of a real result", () => {
    const measurement = parseFortioResult(fixture(), "fortio.json");
    expect(measurement).toMatchObject({ format: "fortio", qps: 999.9794210417613, requestedQps: 1000, count: 60000, failedRate: 0 });
    expect(measurement.percentiles.map((entry) => entry.percentile)).toEqual([50, 75, 90, 99, 99.9]);
    expect(measurement.percentiles[0].valueMs).toBeCloseTo(0.5619, 4);
    expect(measurement.percentiles[4].valueMs).toBeCloseTo(2.9836, 4);
    expect(measurement.meanMs).toBeCloseTo(0.6416, 4);
    expect(measurement.maxMs).toBeCloseTo(6.1237, 4);
    expect(measurement.labels).toContain("istio");
  });

  it("reads failures from RetCodes: 2xx and SERVING succeed, the rest fail", () => {
    const result = { ...fixture(), RetCodes: { "200": 900, "503": 50, "-1": 50 } };
    expect(parseFortioResult(result, "f.json").failedRate).toBeCloseTo(0.1, 12);
    expect(parseFortioResult({ ...fixture(), RunType: "GRPC", RetCodes: { SERVING: 10 } }, "f.json").failedRate).toBe(0);
  });

  it("has no requested rate for -qps max", () => {
    expect(parseFortioResult({ ...fixture(), RequestedQPS: "max" }, "f.json").requestedQps).toBeUndefined();
  });

  it("sorts percentiles", () => {
    const result = fixture();
    result.DurationHistogram.Percentiles.reverse();
    expect(parseFortioResult(result, "f.json").percentiles.map((entry) => entry.percentile)).toEqual([50, 75, 90, 99, 99.9]);
  });

  it.each([
    [(r: any) => delete r.ActualQPS, "f.json: ActualQPS must be a number above 0, got nothing"],
    [(r: any) => (r.ActualQPS = 0), "f.json: ActualQPS must be a number above 0, got 0"],
    [(r: any) => (r.DurationHistogram = []), "f.json: DurationHistogram must be an object"],
    [(r: any) => (r.DurationHistogram.Percentiles = {}), "f.json: DurationHistogram.Percentiles must be a list"],
    [(r: any) => (r.DurationHistogram.Percentiles[1] = 5), "f.json: DurationHistogram.Percentiles[1] must be an object with Percentile and Value"],
    [(r: any) => (r.DurationHistogram.Percentiles[2].Percentile = 100), "f.json: DurationHistogram.Percentiles[2].Percentile must be a number between 0 and 100"],
    [(r: any) => (r.DurationHistogram.Percentiles[0].Value = "0.5ms"), "f.json: DurationHistogram.Percentiles[0].Value must be a number of seconds >= 0"],
    [(r: any) => (r.DurationHistogram.Avg = "x"), `f.json: DurationHistogram.Avg must be a number, got "x"`],
    [
      (r: any) => {
        delete r.DurationHistogram.Percentiles;
        delete r.DurationHistogram.Avg;
      },
      "f.json: DurationHistogram has neither Percentiles nor Avg: nothing to compare",
    ],
    [(r: any) => (r.RetCodes = [1]), "f.json: RetCodes must be an object of counts per code"],
    [(r: any) => (r.RetCodes = { "200": -1 }), "f.json: RetCodes.200 must be a count >= 0"],
  ])("refuses a broken result naming the field (%#)", (breakIt, message) => {
    const result = fixture();
    breakIt(result);
    expect(() => parseFortioResult(result, "f.json")).toThrow(message);
  });
});
