import { describe, expect, it } from "vitest";
import { hopBreakdownSpec } from "../../src/report/index.js";
import { reportDocument } from "../fixtures/report-document.js";
import { dataValues, expectCompilesCleanly } from "./_spec-helpers.js";

describe("hopBreakdownSpec", () => {
  const runs = reportDocument().runs.filter((run) => run.rps === 100);

  it("hopBreakdownSpec(runs) stacks mean ms x visits per station, coloured by kind, with a mesh-only panel", () => {
    const spec = hopBreakdownSpec(runs);
    expect(spec).toMatchSnapshot();
    expectCompilesCleanly(spec);
    const orders = dataValues(spec).find((row) => row.series === "Istio" && row.station === "app/orders")!;
    expect(orders.msPerRequest).toBe(3.75);
    expect(orders.kind).toBe("application");
    const sidecar = dataValues(spec).find((row) => row.series === "Istio" && row.station === "sidecar/frontend")!;
    expect([sidecar.kind, sidecar.meshOwn, sidecar.msPerRequest]).toEqual(["sidecar proxy", true, 0.24]);
    expect((spec as { hconcat: unknown[] }).hconcat).toHaveLength(2);
  });

  it("with only the baseline there is no mesh-only panel", () => {
    const spec = hopBreakdownSpec(runs.filter((run) => run.mesh === "none"));
    expect((spec as { hconcat: unknown[] }).hconcat).toHaveLength(1);
  });
});
