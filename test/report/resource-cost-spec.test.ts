import { describe, expect, it } from "vitest";
import { resourceCostSpec } from "../../src/report/index.js";
import { reportDocument } from "../fixtures/report-document.js";
import { dataValues, expectCompilesCleanly } from "./_spec-helpers.js";

describe("resourceCostSpec", () => {
  const runs = reportDocument().runs.filter((run) => run.rps === 300);

  it("resourceCostSpec(runs) has vCPU, memory and money panels, data and control plane stacked, no baseline", () => {
    const spec = resourceCostSpec(runs);
    expect(spec).toMatchSnapshot();
    expectCompilesCleanly(spec);
    expect((spec as { hconcat: unknown[] }).hconcat).toHaveLength(3);
    expect(new Set(dataValues(spec).map((row) => row.series))).toEqual(new Set(["Istio", "Linkerd 2"]));
    expect(JSON.stringify(spec)).toContain("USD per month");
  });

  it("without prices there is no money panel", () => {
    const unpriced = runs.map((run) => ({ ...run, resources: { ...run.resources, monthlyCost: undefined } }));
    const spec = resourceCostSpec(unpriced);
    expect((spec as { hconcat: unknown[] }).hconcat).toHaveLength(2);
    expectCompilesCleanly(spec);
  });
});
