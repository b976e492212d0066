/**
 * Traffic between zones, summed over a run's replications: calls per second from callers in one zone
 * to callees in another, bytes between nodes per zone pair as GB per month, and with per-GB prices
 * what that traffic costs. Same-node traffic never reaches the network and is in no pair's bytes.
 */

import type { ReplicationResult } from "../replication/index.js";
import type { ZoneTrafficSummary } from "../results/index.js";
import { round } from "../results/index.js";

/** Hours in an average month (365 x 24 / 12), as for CPU and memory. */
const SECONDS_PER_MONTH = 730 * 3600;
/** Clouds bill data transfer in binary GB (2^30 bytes), as memory is counted here. */
const BYTES_PER_GB = 1024 ** 3;

/**
 * The run's zone traffic; undefined when its cluster has no zones.
 * @example summarizeZoneTraffic(replications)?.crossZoneShare // 0.667 with three zones, zone-blind
 */
export function summarizeZoneTraffic(replications: ReplicationResult[]): ZoneTrafficSummary | undefined {
  const first = replications[0].zoneTraffic;
  if (!first) return undefined;
  const zones = first.zones;
  const pairs = zones.length * zones.length;
  const calls = new Array<number>(pairs).fill(0);
  const bytes = new Array<number>(pairs).fill(0);
  let windowMs = 0;
  for (const replication of replications) {
    const traffic = replication.zoneTraffic!;
    for (let pair = 0; pair < pairs; pair++) {
      calls[pair] += traffic.calls[pair];
      bytes[pair] += traffic.bytes[pair];
    }
    windowMs += replication.windowMs;
  }
  const windowS = windowMs / 1000;
  const perSecond = (value: number) => (windowS > 0 ? value / windowS : 0);
  const allCalls = calls.reduce((sum, n) => sum + n, 0);
  let crossCalls = 0;
  let crossBytes = 0;
  const summary: ZoneTrafficSummary["pairs"] = [];
  zones.forEach((from, f) => {
    zones.forEach((to, t) => {
      const pair = f * zones.length + t;
      if (f !== t) {
        crossCalls += calls[pair];
        crossBytes += bytes[pair];
      }
      if (calls[pair] === 0 && bytes[pair] === 0) return;
      summary.push({ from, to, callsPerSec: round(perSecond(calls[pair])), gbPerMonth: round(gbPerMonth(perSecond(bytes[pair]))) });
    });
  });
  return {
    zones: [...zones],
    crossZoneShare: round(allCalls > 0 ? crossCalls / allCalls : 0),
    crossZoneGbPerMonth: round(gbPerMonth(perSecond(crossBytes))),
    pairs: summary,
  };
}

/**
 * Adds money per month to each pair and in total at the scenario's per-GB prices (a price left out
 * counts as not priced: that kind of traffic adds nothing). `regionOf`, with several clusters: the
 * region of a zone, so pairs between regions take crossRegionGb (counted in crossZone's total).
 */
export function priceZoneTraffic(
  traffic: ZoneTrafficSummary,
  pricing: { sameZoneGb?: number; crossZoneGb?: number; crossRegionGb?: number; currency: string },
  regionOf?: (zone: string) => string,
): void {
  let sameZone = 0;
  let crossZone = 0;
  for (const pair of traffic.pairs) {
    // With several clusters, a pair of zones in two regions is billed as traffic between regions.
    const crossRegion = regionOf !== undefined && regionOf(pair.from) !== regionOf(pair.to);
    const price = pair.from === pair.to ? (pricing.sameZoneGb ?? 0) : crossRegion ? (pricing.crossRegionGb ?? 0) : (pricing.crossZoneGb ?? 0);
    const money = pair.gbPerMonth * price;
    pair.monthlyCost = cents(money);
    if (pair.from === pair.to) sameZone += money;
    else crossZone += money;
  }
  traffic.monthlyCost = { sameZone: cents(sameZone), crossZone: cents(crossZone), total: cents(sameZone + crossZone), currency: pricing.currency };
}

// --- internal ---

function gbPerMonth(bytesPerSecond: number): number {
  return (bytesPerSecond * SECONDS_PER_MONTH) / BYTES_PER_GB;
}

function cents(value: number): number {
  return Math.round(value * 100) / 100;
}
