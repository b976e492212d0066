import { describe, expect, it } from "vitest";
import { zoneTrafficSpec } from "../../src/report/index.js";
import { reportDocument } from "../fixtures/report-document.js";
import { expectCompilesCleanly } from "./_spec-helpers.js";

/** The fixture's runs at 300 requests/s, each given traffic between two zones. */
function zonedRuns(priced: boolean) {
  return reportDocument()
    .runs.filter((run) => run.rps === 300)
    .map((run, index) => ({
      ...run,
      zoneTraffic: {
        zones: ["zone-a", "zone-b"],
        crossZoneShare: 0.5,
        crossZoneGbPerMonth: 100 * (index + 1),
        pairs: [],
        ...(priced ? { monthlyCost: { sameZone: 0, crossZone: 2 * (index + 1), total: 2 * (index + 1), currency: "USD" } } : {}),
      },
    }));
}

/** The data rows of panel `index`. */
const panelValues = (spec: unknown, index: number) => (spec as { hconcat: Array<{ data: { values: Array<Record<string, unknown>> } }> }).hconcat[index].data.values;

describe("zoneTrafficSpec", () => {
  it("zoneTrafficSpec(priced runs) has a GB panel with every run, the baseline too, and a money panel stacking the mesh's cost and the traffic's", () => {
    const runs = zonedRuns(true);
    const spec = zoneTrafficSpec(runs);
    expectCompilesCleanly(spec);
    expect(panelValues(spec, 0).map((row) => row.gbPerMonth)).toEqual(runs.map((run) => run.zoneTraffic.crossZoneGbPerMonth));
    expect(panelValues(spec, 0).some((row) => row.series === "no mesh")).toBe(true);
    const money = panelValues(spec, 1);
    const istio = runs.find((run) => run.mesh === "istio")!;
    expect(money.filter((row) => row.series === "Istio").map((row) => row.money)).toEqual([istio.resources.monthlyCost!.total, istio.zoneTraffic.monthlyCost!.crossZone]);
    expect(JSON.stringify(spec)).toContain("USD per month");
  });

  it("zoneTrafficSpec(runs without per-GB prices) has only the GB panel", () => {
    const spec = zoneTrafficSpec(zonedRuns(false));
    expect((spec as { hconcat: unknown[] }).hconcat).toHaveLength(1);
    expectCompilesCleanly(spec);
  });
});
