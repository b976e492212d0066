import { describe, expect, it } from "vitest";
import { requestTypesSpec } from "../../src/report/index.js";
import { reportDocument } from "../fixtures/report-document.js";
import { dataValues, expectCompilesCleanly } from "./_spec-helpers.js";

describe("requestTypesSpec", () => {
  const runs = reportDocument().runs.filter((run) => run.rps === 100);

  it("requestTypesSpec(runs) is a grid of p99 per request type and mesh, coloured by % over the fastest", () => {
    const spec = requestTypesSpec(runs);
    expect(spec).toMatchSnapshot();
    expectCompilesCleanly(spec);
    const checkout = dataValues(spec).filter((row) => row.type === "checkout");
    expect(checkout.map((row) => [row.series, row.p99, row.slowerPct])).toEqual([
      ["no mesh", 40, 0],
      ["Istio", 44.8, 12],
      ["Linkerd 2", 43.2, 8],
    ]);
  });
});
