// isSampled: a hash of the run and the request's index against the ratio: reproducible, the asked
// share, and independent of the mesh (samplingKey leaves it out).

import { describe, expect, it } from "vitest";
import { isSampled, samplingKey } from "../../../src/runner/traces/index.js";

describe("trace sampling", () => {
  it.each([0.01, 0.1, 0.5, 0.9])("traces a share %f of requests, within 4 binomial standard errors", (ratio) => {
    const key = samplingKey(1, "rps=50", 0);
    const requests = 100_000;
    let traced = 0;
    for (let index = 0; index < requests; index++) if (isSampled(key, index, ratio)) traced++;
    expect(Math.abs(traced / requests - ratio)).toBeLessThanOrEqual(4 * Math.sqrt((ratio * (1 - ratio)) / requests));
  });

  it("traces every request at ratio 1", () => {
    const key = samplingKey(3, "rps=1", 2);
    expect(Array.from({ length: 1000 }, (_, index) => isSampled(key, index, 1)).every(Boolean)).toBe(true);
  });

  it("gives the same answer every time, and a different selection for another run", () => {
    const pick = (key: number) => Array.from({ length: 200 }, (_, index) => isSampled(key, index, 0.3));
    expect(pick(samplingKey(1, "rps=50", 0))).toEqual(pick(samplingKey(1, "rps=50", 0)));
    expect(pick(samplingKey(1, "rps=50", 1))).not.toEqual(pick(samplingKey(1, "rps=50", 0)));
    expect(pick(samplingKey(2, "rps=50", 0))).not.toEqual(pick(samplingKey(1, "rps=50", 0)));
  });

  it("at a smaller ratio traces a subset of what a larger one traces", () => {
    const key = samplingKey(1, "rps=50", 0);
    for (let index = 0; index < 5000; index++) if (isSampled(key, index, 0.05)) expect(isSampled(key, index, 0.2)).toBe(true);
  });
});
