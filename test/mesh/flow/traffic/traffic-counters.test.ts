// TrafficCounters: what the rules did, per host with a rule; each host's backends listed in service
// order whatever order calls reached them in, with the same counts for a few services as for many.

import { describe, expect, it } from "vitest";
import { TrafficCounters } from "../../../../src/mesh/flow/traffic/traffic-counters.js";

/** Counters over `services` services and as many hosts, hosts 1 and 3 with rules, after the same calls. */
function countedOver(services: number) {
  const counters = new TrafficCounters(services, services);
  const names = Array.from({ length: services }, (_, i) => `s${i}`);
  const hasRule = new Uint8Array(services);
  hasRule[1] = hasRule[3] = 1;
  counters.applied[1] = 4;
  counters.bypassed[3] = 1;
  for (const [host, service] of [[1, 3], [1, 2], [3, 0], [1, 3], [2, 2], [1, 2], [1, 3]]) counters.countReached(host, service);
  return { counters, names, hasRule };
}

describe("TrafficCounters", () => {
  it.each([[4], [2000]])("lists each ruled host's backends in service order, hosts without a rule left out (%i services)", (services) => {
    const { counters, names, hasRule } = countedOver(services);
    expect(counters.toCounts(names, hasRule, names).hosts).toEqual([
      { host: "s1", applied: 4, bypassed: 0, noRoute: 0, byBackend: { s2: 2, s3: 3 } },
      { host: "s3", applied: 0, bypassed: 1, noRoute: 0, byBackend: { s0: 1 } },
    ]);
    expect(Object.keys(counters.toCounts(names, hasRule, names).hosts[0].byBackend)).toEqual(["s2", "s3"]);
  });

  it("reset() starts every count again at 0, backends reached only before it left out", () => {
    const { counters, names, hasRule } = countedOver(2000);
    counters.reset();
    counters.countReached(1, 3);
    expect(counters.toCounts(names, hasRule, names).hosts.map((host) => host.byBackend)).toEqual([{ s3: 1 }, {}]);
  });
});
