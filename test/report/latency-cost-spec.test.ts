import { describe, expect, it } from "vitest";
import { latencyCostSpec } from "../../src/report/index.js";
import { reportDocument } from "../fixtures/report-document.js";
import { dataValues, expectCompilesCleanly } from "./_spec-helpers.js";

describe("latencyCostSpec", () => {
  const runs = reportDocument().runs.filter((run) => run.rps === 300);

  it("latencyCostSpec(runs) plots p99 against money per month and marks the Pareto front", () => {
    const spec = latencyCostSpec(runs);
    expect(spec).toMatchSnapshot();
    expectCompilesCleanly(spec);
    // Linkerd 2 is cheaper and faster than Istio here: it alone is on the front.
    expect(dataValues(spec).map((row) => [row.series, row.front])).toEqual([["Istio", false], ["Linkerd 2", true]]);
  });

  it("without prices it has a vCPU panel and a memory panel, each with its own front", () => {
    const unpriced = runs.map((run) => ({ ...run, resources: { ...run.resources, monthlyCost: undefined } }));
    const spec = latencyCostSpec(unpriced);
    expectCompilesCleanly(spec);
    expect(new Set(dataValues(spec).map((row) => row.axis))).toEqual(new Set(["vcpu", "memory"]));
  });
});
