import { describe, expect, it } from "vitest";
import { clusterTrafficSpec } from "../../src/report/index.js";
import { reportDocument } from "../fixtures/report-document.js";
import { expectCompilesCleanly } from "./_spec-helpers.js";

/** The fixture's runs at 300 requests/s, each given traffic between two clusters in two regions. */
function clusteredRuns(priced: boolean) {
  return reportDocument()
    .runs.filter((run) => run.rps === 300)
    .map((run, index) => ({
      ...run,
      clusterTraffic: {
        clusters: [
          { name: "east", region: "us-east-1" },
          { name: "west", region: "us-west-2" },
        ],
        crossClusterShare: 0.2,
        crossClusterGbPerMonth: 100 * (index + 1),
        crossRegionGbPerMonth: 80 * (index + 1),
        pairs: [],
        ...(priced ? { monthlyCost: { withinClusters: 1, betweenClusters: 2 * (index + 1), total: 1 + 2 * (index + 1), currency: "USD" } } : {}),
      },
    }));
}

const panelValues = (spec: unknown, index: number) => (spec as { hconcat: Array<{ data: { values: Array<Record<string, unknown>> } }> }).hconcat[index].data.values;

describe("clusterTrafficSpec", () => {
  it("clusterTrafficSpec(priced runs) stacks GB between regions and within one, and the mesh's money with the traffic's", () => {
    const runs = clusteredRuns(true);
    const spec = clusterTrafficSpec(runs);
    expectCompilesCleanly(spec);
    const gb = panelValues(spec, 0);
    expect(gb.filter((row) => row.part === "between regions").map((row) => row.gbPerMonth)).toEqual(runs.map((run) => run.clusterTraffic.crossRegionGbPerMonth));
    expect(gb.filter((row) => row.part === "within a region").map((row) => row.gbPerMonth)).toEqual(runs.map((_, index) => 20 * (index + 1)));
    const istio = runs.find((run) => run.mesh === "istio")!;
    expect(panelValues(spec, 1).filter((row) => row.series === "Istio").map((row) => row.money)).toEqual([istio.resources.monthlyCost!.total, istio.clusterTraffic.monthlyCost!.betweenClusters]);
    expect(JSON.stringify(spec)).toContain("east (us-east-1), west (us-west-2)");
  });

  it("clusterTrafficSpec(runs without per-GB prices) has only the GB panel", () => {
    const spec = clusterTrafficSpec(clusteredRuns(false));
    expect((spec as { hconcat: unknown[] }).hconcat).toHaveLength(1);
    expectCompilesCleanly(spec);
  });
});
