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

  it.each([
    ["null, as a results file holds it", null],
    ["NaN, as a run holds it in memory", NaN],
  ])("regression: a request type that completed nothing under one mesh (p99 %s) leaves that cell blank", (_label, p99) => {
    const copy = reportDocument().runs.filter((run) => run.rps === 100);
    const istio = copy.find((run) => run.mesh === "istio")!;
    istio.byRequestType.checkout!.requests = { completed: 0, failed: 0, failedByReason: {} };
    istio.byRequestType.checkout!.latencyMs = { ...istio.byRequestType.checkout!.latencyMs, p99: p99 as unknown as number };
    const spec = requestTypesSpec(copy);
    expectCompilesCleanly(spec);
    const checkout = dataValues(spec).filter((row) => row.type === "checkout");
    expect(checkout.map((row) => [row.series, row.p99, row.p99Text, row.slowerPct])).toEqual([
      ["no mesh", 40, "40.0", 0],
      ["Linkerd 2", 43.2, "43.2", 8],
    ]);
    expect(JSON.stringify(spec.title)).toContain("A blank cell: no request of that type completed under that mesh.");
  });
});
