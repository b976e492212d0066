/**
 * summarizeZoneTraffic and priceZoneTraffic: replications' counters summed into calls per second and
 * GB per month per zone pair, the cross-zone share, and money at the per-GB prices.
 */

import { describe, expect, it } from "vitest";
import type { ReplicationResult } from "../../../src/runner/index.js";
import { priceZoneTraffic, summarizeZoneTraffic } from "../../../src/runner/summary/summarize-zone-traffic.js";

const GB = 1024 ** 3;
const SECONDS_PER_MONTH = 730 * 3600;

/** A replication of `windowMs` with per-pair (a->a, a->b, b->a, b->b) calls and bytes. */
function replication(windowMs: number, calls: number[], bytes: number[]): ReplicationResult {
  return { windowMs, zoneTraffic: { zones: ["a", "b"], calls, bytes } } as unknown as ReplicationResult;
}

describe("summarizeZoneTraffic", () => {
  it("summarizeZoneTraffic(two replications) sums them over their windows: calls/s, GB per month, the cross-zone share", () => {
    const summary = summarizeZoneTraffic([replication(1000, [30, 10, 5, 15], [0, GB / SECONDS_PER_MONTH, 0, 0]), replication(1000, [30, 10, 5, 15], [0, GB / SECONDS_PER_MONTH, 0, 0])])!;
    expect(summary.zones).toEqual(["a", "b"]);
    expect(summary.crossZoneShare).toBe(0.25);
    // 1 GB per month's worth of bytes per second, in each of two 1 s windows: 1 GB per month.
    expect(summary.crossZoneGbPerMonth).toBe(1);
    expect(summary.pairs).toEqual([
      { from: "a", to: "a", callsPerSec: 30, gbPerMonth: 0 },
      { from: "a", to: "b", callsPerSec: 10, gbPerMonth: 1 },
      { from: "b", to: "a", callsPerSec: 5, gbPerMonth: 0 },
      { from: "b", to: "b", callsPerSec: 15, gbPerMonth: 0 },
    ]);
  });

  it("summarizeZoneTraffic(a pair without calls or bytes) leaves it out", () => {
    expect(summarizeZoneTraffic([replication(1000, [10, 0, 0, 0], [0, 0, 0, 0])])!.pairs).toEqual([{ from: "a", to: "a", callsPerSec: 10, gbPerMonth: 0 }]);
  });

  it("summarizeZoneTraffic(replications of a cluster without zones) gives nothing", () => {
    expect(summarizeZoneTraffic([{ windowMs: 1000 } as unknown as ReplicationResult])).toBeUndefined();
  });
});

describe("priceZoneTraffic", () => {
  it("priceZoneTraffic(AWS's 0.01 + 0.01 per GB between zones, free within) charges only the pairs between zones", () => {
    const summary = summarizeZoneTraffic([replication(1000, [1, 1, 1, 1], [(100 * GB) / SECONDS_PER_MONTH, (50 * GB) / SECONDS_PER_MONTH, (25 * GB) / SECONDS_PER_MONTH, 0])])!;
    priceZoneTraffic(summary, { sameZoneGb: 0, crossZoneGb: 0.02, currency: "USD" });
    expect(summary.pairs.map((pair) => pair.monthlyCost)).toEqual([0, 1, 0.5, 0]);
    expect(summary.monthlyCost).toEqual({ sameZone: 0, crossZone: 1.5, total: 1.5, currency: "USD" });
  });

  it("priceZoneTraffic(a price for traffic within a zone) charges the pairs within zones at it", () => {
    const summary = summarizeZoneTraffic([replication(1000, [1, 0, 0, 0], [(100 * GB) / SECONDS_PER_MONTH, 0, 0, 0])])!;
    priceZoneTraffic(summary, { sameZoneGb: 0.01, currency: "EUR" });
    expect(summary.monthlyCost).toEqual({ sameZone: 1, crossZone: 0, total: 1, currency: "EUR" });
  });
});
