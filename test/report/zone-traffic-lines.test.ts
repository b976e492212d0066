import { describe, expect, it } from "vitest";
import { zoneTrafficLines } from "../../src/report/zone-traffic-lines.js";
import type { RunSummary } from "../../src/runner/index.js";

const run = (mesh: string, zoneTraffic?: object, meshCost?: number) =>
  ({ mesh, zoneTraffic, resources: meshCost === undefined ? {} : { monthlyCost: { total: meshCost, currency: "USD" } } }) as unknown as RunSummary;

describe("zoneTrafficLines", () => {
  it("zoneTrafficLines(runs with zones and prices) gives each run's cross-zone share, GB and money next to the mesh's", () => {
    const traffic = { zones: ["a", "b"], crossZoneShare: 0.5, crossZoneGbPerMonth: 1234.4, pairs: [], monthlyCost: { sameZone: 0, crossZone: 24.69, total: 24.69, currency: "USD" } };
    expect(zoneTrafficLines([run("istio", traffic, 7.1)], () => "200 rps")).toEqual([
      "",
      "traffic between zones per month (a, b):",
      "  istio @ 200 rps: 50.0% of calls cross zones, 1,234 GB, 24.69 USD (mesh 7.10 USD)",
    ]);
  });

  it("zoneTrafficLines(runs without zones) gives no lines", () => {
    expect(zoneTrafficLines([run("istio")], () => "200 rps")).toEqual([]);
  });
});
