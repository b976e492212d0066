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

  it("names Cilium's WireGuard and IPsec stations as kinds of their own", () => {
    const [run] = runs.filter((r) => r.mesh !== "none");
    const hop = (station: string) => ({ ...run.hops[0], station, meanMs: 0.002, visitsPerRequest: 2 });
    const spec = hopBreakdownSpec([{ ...run, hops: [hop("wireguard/node-1"), hop("ipsec/node-2")] }]);
    expect(dataValues(spec).map((row) => [row.station, row.kind, row.meshOwn])).toEqual([
      ["wireguard/node-1", "WireGuard (kernel)", true],
      ["ipsec/node-2", "IPsec (kernel)", true],
    ]);
  });

  it("with only the baseline there is no mesh-only panel", () => {
    const spec = hopBreakdownSpec(runs.filter((run) => run.mesh === "none"));
    expect((spec as { hconcat: unknown[] }).hconcat).toHaveLength(1);
  });
});
