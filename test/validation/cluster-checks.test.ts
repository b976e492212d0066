import { describe, expect, it } from "vitest";
import { runClusterChecks } from "../../src/validation/index.js";

describe("runClusterChecks (clusters: [...])", () => {
  it("every row is within its tolerance: the regions' round trip, the gateways' passes and their time, calls kept in their cluster", async () => {
    const rows = await runClusterChecks({ workers: 1 });
    expect(rows.map((row) => row.check + " / " + row.metric)).toEqual([
      "none, one call within a node vs to another region / added p50 ms",
      "istio, east-west gateway / gateway passes per cross-cluster call",
      "consul, mesh gateways in local mode / gateway passes per cross-cluster call",
      "istio, east-west gateway vs flat network / added mean ms",
      "linkerd2, back in both clusters / share of calls kept in their cluster",
    ]);
    for (const row of rows) expect(Math.abs(row.errorPct), `${row.check}: ${row.metric}`).toBeLessThanOrEqual(row.tolerancePct);
  }, 120_000);
});
