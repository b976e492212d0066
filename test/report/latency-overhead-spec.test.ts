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

  it("each row carries its 95% interval, paired over the replications when the runs hold them", () => {
    const paired = runs.map((run) =>
      run.rps !== 100 || (run.mesh !== "none" && run.mesh !== "istio")
        ? run
        : { ...run, latencyMs: { ...run.latencyMs, replications: { p50: run.mesh === "none" ? [4, 4, 4, 4] : [4.4, 4.5, 4.4, 4.5], p99: [20, 21, 19, 20] } } },
    );
    const [p50, p99] = latencyOverheadRows(paired).filter((row) => row.series === "Istio" && row.rps === 100);
    // d = [0.4, 0.5, 0.4, 0.5]: t(3) * sd / 2 = 3.182 * 0.05774 / 2 = 0.0919 around the merged difference 0.45.
    expect(p50.lowMs).toBeCloseTo(0.45 - 0.09187, 4);
    expect(p50.highMs).toBeCloseTo(0.45 + 0.09187, 4);
    expect(p50.label).toBe("+0.450 ±0.0919");
    // Istio's p99 replications equal the baseline's here: no spread, and a fixed difference.
    expect([p99.lowMs, p99.highMs]).toEqual([2.4, 2.4]);
  });

  it("with one replication a row has no interval, and the chart says so instead of drawing whiskers", () => {
    const single = runs.map((run) => ({ ...run, latencyMs: { ...run.latencyMs, ci95: { p50: null, p99: null } } })) as typeof runs;
    const rows = latencyOverheadRows(single);
    expect(rows.every((row) => row.lowMs === null && row.highMs === null && row.label.endsWith(" ?"))).toBe(true);
    expect(JSON.stringify(latencyOverheadSpec(single))).toContain("One replication: no interval");
  });

  it("the whiskers of the meshes at one load stand side by side, centred on the load", () => {
    const spec = latencyOverheadSpec(runs) as unknown as { data: { values: Array<{ rps: number; mesh: string; whiskerRps: number }> } };
    const at100 = spec.data.values.filter((row) => row.rps === 100);
    const offsets = [...new Set(at100.map((row) => row.whiskerRps - row.rps))].sort((a, b) => a - b);
    expect(offsets).toHaveLength(2);
    expect(offsets[0]).toBeCloseTo(-offsets[1], 9);
    expect(offsets[1]).toBeGreaterThan(0);
  });

  it("without a baseline there is nothing to subtract", () => {
    expect(latencyOverheadRows(runs.filter((run) => run.mesh !== "none"))).toEqual([]);
  });
});
