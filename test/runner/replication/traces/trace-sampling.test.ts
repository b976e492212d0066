// isSampled: a hash of the run and the request's index against the ratio's OpenTelemetry rejection
// threshold: reproducible, the asked share, independent of the mesh (samplingKey leaves it out), and
// consistent with the tracestate written (rv >= th exactly for the traced requests).

import { describe, expect, it } from "vitest";
import { isSampled, samplingKey, samplingThreshold, traceStateOf } from "../../../../src/runner/replication/traces/index.js";

describe("trace sampling", () => {
  it.each([0.01, 0.1, 0.5, 0.9])("traces a share %f of requests, within 4 binomial standard errors", (ratio) => {
    const key = samplingKey(1, "rps=50", 0);
    const requests = 100_000;
    let traced = 0;
    for (let index = 0; index < requests; index++) if (isSampled(key, index, samplingThreshold(ratio))) traced++;
    expect(Math.abs(traced / requests - ratio)).toBeLessThanOrEqual(4 * Math.sqrt((ratio * (1 - ratio)) / requests));
  });

  it("traces every request at ratio 1", () => {
    const key = samplingKey(3, "rps=1", 2);
    expect(Array.from({ length: 1000 }, (_, index) => isSampled(key, index, samplingThreshold(1))).every(Boolean)).toBe(true);
  });

  it("gives the same answer every time, and a different selection for another run", () => {
    const pick = (key: number) => Array.from({ length: 200 }, (_, index) => isSampled(key, index, samplingThreshold(0.3)));
    expect(pick(samplingKey(1, "rps=50", 0))).toEqual(pick(samplingKey(1, "rps=50", 0)));
    expect(pick(samplingKey(1, "rps=50", 1))).not.toEqual(pick(samplingKey(1, "rps=50", 0)));
    expect(pick(samplingKey(2, "rps=50", 0))).not.toEqual(pick(samplingKey(1, "rps=50", 0)));
  });

  it("at a smaller ratio traces a subset of what a larger one traces", () => {
    const key = samplingKey(1, "rps=50", 0);
    for (let index = 0; index < 5000; index++) if (isSampled(key, index, samplingThreshold(0.05))) expect(isSampled(key, index, samplingThreshold(0.2))).toBe(true);
  });

  // The specification's table of 1-in-N thresholds at 4 digits of precision (more near 0).
  it.each([
    [1, "0"],
    [0.5, "8"],
    [1 / 3, "aaab"],
    [0.25, "c"],
    [0.2, "cccd"],
    [0.1, "e666"],
    [0.0625, "f"],
    [0.01, "fd70a"],
    [0.001, "ffbe77"],
    [0.0001, "fff9724"],
  ])("writes ratio %f as the threshold th:%s", (ratio, th) => {
    expect(samplingThreshold(ratio).th).toBe(th);
  });

  it("writes a tracestate whose randomness is at least the threshold exactly for the traced requests", () => {
    const key = samplingKey(1, "rps=50", 0);
    for (const ratio of [0.5, 0.1, 0.01]) {
      const threshold = samplingThreshold(ratio);
      const thValue = BigInt(`0x${threshold.th.padEnd(14, "0")}`);
      for (let index = 0; index < 3000; index++) {
        const match = /^ot=rv:([0-9a-f]{14});th:([0-9a-f]+)$/.exec(traceStateOf(key, index, threshold));
        expect(match?.[2]).toBe(threshold.th);
        expect(BigInt(`0x${match![1]}`) >= thValue).toBe(isSampled(key, index, threshold));
      }
    }
  });

  it.each([0, -0.1, 1.5, Number.NaN])("refuses the ratio %f", (ratio) => {
    expect(() => samplingThreshold(ratio)).toThrow(RangeError);
  });
});
