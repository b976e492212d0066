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

  it("a mesh adding far more than the others gets a log-like (symlog) axis with 1-2-5 ticks", () => {
    const skewed = runs.map((run) =>
      run.mesh === "istio" ? { ...run, latencyMs: { ...run.latencyMs, p99: run.latencyMs.p99 + 200 } } : run,
    );
    const spec = latencyOverheadSpec(skewed) as unknown as { vconcat: { encoding: { y: { scale?: { type: string }; axis?: { values: number[] } } } }[] };
    expectCompilesCleanly(spec as never);
    expect(spec.vconcat[0].encoding.y.scale).toBeUndefined();
    expect(spec.vconcat[1].encoding.y.scale?.type).toBe("symlog");
    expect(spec.vconcat[1].encoding.y.axis?.values).toEqual([0, 2, 5, 10, 20, 50, 100, 200]);
  });

  it("without a baseline there is nothing to subtract", () => {
    expect(latencyOverheadRows(runs.filter((run) => run.mesh !== "none"))).toEqual([]);
  });
});
