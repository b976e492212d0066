import { describe, expect, it } from "vitest";
import { latencyCdfSpec } from "../../src/report/index.js";
import { reportDocument } from "../fixtures/report-document.js";
import { dataValues, expectCompilesCleanly } from "./_spec-helpers.js";

describe("latencyCdfSpec", () => {
  const runs = reportDocument().runs.filter((run) => run.rps === 300);

  it("latencyCdfSpec(runs) plots each percentile at its nines, the maximum at 1 - 1/n", () => {
    const spec = latencyCdfSpec(runs);
    expect(spec).toMatchSnapshot();
    expectCompilesCleanly(spec);
    const istio = dataValues(spec).filter((row) => row.mesh === "Istio");
    expect(istio.map((row) => row.percentile)).toEqual(["p50", "p90", "p99", "p99.9", "max"]);
    const nines = istio.map((row) => row.nines as number);
    expect(nines[0]).toBeCloseTo(Math.log10(2), 10);
    expect(nines.slice(1, 4)).toEqual([1, 2, 3].map((n) => expect.closeTo(n, 10)));
    expect(nines[4]).toBeCloseTo(Math.log10(6000), 10);
  });

  it("with fewer than 1000 requests the maximum is left out (it is the p99.9)", () => {
    const few = runs.map((run) => ({ ...run, requests: { ...run.requests, completed: 500 } }));
    expect(dataValues(latencyCdfSpec(few)).some((row) => row.percentile === "max")).toBe(false);
  });
});
