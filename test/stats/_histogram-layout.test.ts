// Tests for the histogram bucket layout: index and midpoint agree for every bucket, and the
// index is monotone across the 2^32 ns word boundary.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BUCKET_COUNT,
  TOP_NS,
  bucketIndexOfNs,
  bucketMidpointNs,
} from "../../src/stats/_histogram-layout.js";

describe("histogram layout", () => {
  it("bucketIndexOfNs(bucketMidpointNs(i)) is i for every bucket but the open-ended top one", () => {
    for (let index = 0; index < BUCKET_COUNT; index++) {
      expect(bucketIndexOfNs(Math.floor(bucketMidpointNs(index)))).toBe(index);
    }
  });

  it.each([
    [0, 0],
    [1023, 1023],
    [1024, 1024],
    [2047, 2047],
    [2048, 2048],
    [2049, 2048],
    [2050, 2049],
    // 2^32 - 1 has magnitude 31: shift 21, sub-bucket 2047; 2^32 starts the next power.
    [2 ** 32 - 1, 21 * 1024 + 2047],
    [2 ** 32, 22 * 1024 + 1024],
    [TOP_NS - 1, BUCKET_COUNT - 1],
    [TOP_NS, BUCKET_COUNT - 1],
    [Number.MAX_SAFE_INTEGER, BUCKET_COUNT - 1],
  ])("bucketIndexOfNs(%s) is %s", (ns, index) => {
    expect(bucketIndexOfNs(ns)).toBe(index);
  });

  it("bucketIndexOfNs is monotone and its bucket's midpoint is within 2^-11 of the value", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: TOP_NS - 2 }), (ns) => {
        const index = bucketIndexOfNs(ns);
        const next = bucketIndexOfNs(ns + 1);
        const midpoint = bucketMidpointNs(index);
        const monotone = next === index || next === index + 1;
        return monotone && Math.abs(midpoint - ns) <= ns * 2 ** -11;
      }),
      { numRuns: 20_000, seed: 7 },
    );
  });
});
