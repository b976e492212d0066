import { describe, expect, it } from "vitest";
import { zoneTrafficLines } from "../../src/report/zone-traffic-lines.js";
import type { RunSummary } from "../../src/runner/index.js";

const run = (mesh: string, zoneTraffic?: object, meshCost?: number, completed = 1000) =>
  ({ mesh, zoneTraffic, requests: { completed }, resources: meshCost === undefined ? {} : { monthlyCost: { total: meshCost, currency: "USD" } } }) as unknown as RunSummary;

describe("zoneTrafficLines", () => {
  it("zoneTrafficLines(runs with zones and prices) gives each run's cross-zone share, GB and money next to the mesh's", () => {
    const traffic = { zones: ["a", "b"], crossZoneShare: 0.5, crossZoneGbPerMonth: 1234.4, pairs: [], monthlyCost: { sameZone: 0, crossZone: 24.69, total: 24.69, currency: "USD" } };
    expect(zoneTrafficLines([run("istio", traffic, 7.1)], () => "200 rps")).toEqual([
      "",
      "traffic between zones per month (a, b):",
      "  istio @ 200 rps: 50.0% of calls cross zones, 1,234 GB, 24.69 USD (mesh 7.10 USD)",
    ]);
  });

  it("zoneTrafficLines(a run that completed no request) says so, with no GB or money", () => {
    const traffic = { zones: ["a", "b"], crossZoneShare: 0.5, crossZoneGbPerMonth: 368, pairs: [], monthlyCost: { sameZone: 0, crossZone: 7.37, total: 7.37, currency: "USD" } };
    expect(zoneTrafficLines([run("none", traffic, 0), run("osm", traffic, 1.67, 0)], () => "100 rps")).toEqual([
      "",
      "traffic between zones per month (a, b):",
      "  none @ 100 rps: 50.0% of calls cross zones, 368 GB, 7.37 USD (mesh 0.00 USD)",
      "  osm @ 100 rps: no request completed, so no traffic to count",
    ]);
  });

  it("zoneTrafficLines(runs without zones) gives no lines", () => {
    expect(zoneTrafficLines([run("istio")], () => "200 rps")).toEqual([]);
  });
});
