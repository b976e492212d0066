import { describe, expect, it } from "vitest";
import { runZoneChecks } from "../../src/validation/index.js";

describe("runZoneChecks (cluster.zones)", () => {
  it("every row is within its tolerance: the (k-1)/k share, calls kept in their zone, the added round trip", async () => {
    const rows = await runZoneChecks({ workers: 1 });
    expect(rows.map((row) => row.check + " / " + row.metric)).toEqual([
      "none, 3 zones, zone-blind / share of calls crossing zones",
      "istio, 3 zones, zone-blind / share of calls crossing zones",
      "none, trafficDistribution: PreferClose / share of calls kept in their zone",
      "istio, locality LB with outlier detection / share of calls kept in their zone",
      "none, one call within vs across zones / added p50 ms",
    ]);
    for (const row of rows) expect(Math.abs(row.errorPct), `${row.check}: ${row.metric}`).toBeLessThanOrEqual(row.tolerancePct);
  }, 120_000);
});
