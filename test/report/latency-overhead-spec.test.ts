import { describe, expect, it } from "vitest";
import { latencyOverheadSpec } from "../../src/report/index.js";
import { latencyOverheadRows } from "../../src/report/latency-overhead-spec.js";
import { reportDocument } from "../fixtures/report-document.js";
import { expectCompilesCleanly } from "./_spec-helpers.js";

describe("latencyOverheadSpec", () => {
  const runs = reportDocument().runs;

  it("latencyOverheadRows(runs) subtracts the baseline at the same load", () => {
    const istio100 = latencyOverheadRows(runs).filter((row) => row.series === "Istio" && row.rps === 100);
    expect(istio100.map((row) => [row.statistic, row.addedMs])).toEqual([["p50", 0.45], ["p99", 2.4]]);
  });

  it("latencyOverheadSpec(runs) with several loads is lines against load, one panel per percentile", () => {
    const spec = latencyOverheadSpec(runs);
    expect(spec).toMatchSnapshot();
    expectCompilesCleanly(spec);
  });

  it("latencyOverheadSpec(runs) at one load is bars per mesh", () => {
    const spec = latencyOverheadSpec(runs.filter((run) => run.rps === 200));
    expect(spec).toMatchSnapshot();
    expectCompilesCleanly(spec);
    expect(JSON.stringify(spec)).toContain("at 200 requests/s");
  });

  it("without a baseline there is nothing to subtract", () => {
    expect(latencyOverheadRows(runs.filter((run) => run.mesh !== "none"))).toEqual([]);
  });
});
