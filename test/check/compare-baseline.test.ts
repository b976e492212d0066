import { describe, expect, it } from "vitest";
import { baselineNotes, compareWithBaseline, parseRegressionLimits, runCheck, toResults, type CheckRow } from "../../src/check/index.js";
import type { RunSummary } from "../../src/runner/index.js";
import { failingRun, makeResults, makeRun } from "./_results.js";

const sources = { currentSource: "results.json", baselineSource: "baseline.json" };
const compare = (current: RunSummary[], baseline: RunSummary[], limits: string) => compareWithBaseline(current, baseline, parseRegressionLimits(limits), sources);
const brief = (rows: CheckRow[]) => rows.map((row) => `${row.subject} ${row.metric} ${row.status}`);

describe("compareWithBaseline: matching", () => {
  it("matches runs by mesh and load, whatever their order", () => {
    const baseline = [makeRun({ mesh: "istio", rps: 200, p99: 10 }), makeRun({ mesh: "istio", rps: 100, p99: 4 }), makeRun({ mesh: "none", rps: 100, p99: 3 })];
    const current = [makeRun({ mesh: "none", rps: 100, p99: 3, ci95: null }), makeRun({ mesh: "istio", rps: 100, p99: 5, ci95: null }), makeRun({ mesh: "istio", rps: 200, p99: 10, ci95: null })];
    const rows = compare(current, baseline, "p99=5%");
    expect(rows.map((row) => [row.subject, row.baseline, row.current, row.status])).toEqual([
      ["none @ 100 rps", 3, 3, "pass"],
      ["istio @ 100 rps", 4, 5, "fail"],
      ["istio @ 200 rps", 10, 10, "pass"],
    ]);
    expect(rows[1].change).toBeCloseTo(0.25, 10);
    expect(rows[1].message).toBe("p99 4.00 ms -> 5.00 ms (+25.00%) exceeds +5%");
  });

  it("regression: matches a sweep's runs by their --set values and closed loops by their users, so a document checked against itself passes", () => {
    const swept = (mesh: string, replicas: number, p99: number) => ({ ...makeRun({ mesh, rps: 100, p99, ci95: null }), parameters: { "services.1.replicas": replicas } });
    const sweep = [swept("none", 1, 4), swept("istio", 1, 5), swept("none", 2, 3), swept("istio", 2, 4)];
    expect(brief(compare(sweep, sweep, "p99=5%"))).toEqual([
      "none (services.1.replicas=1) @ 100 rps p99 pass",
      "istio (services.1.replicas=1) @ 100 rps p99 pass",
      "none (services.1.replicas=2) @ 100 rps p99 pass",
      "istio (services.1.replicas=2) @ 100 rps p99 pass",
    ]);
    const closed = (users: number, p99: number) => ({ ...makeRun({ mesh: "istio", rps: 0, p99, ci95: null }), users });
    expect(brief(compare([closed(8, 9)], [closed(16, 4)], "p99=5%"))).toEqual(["istio @ 8 users p99 new", "istio @ 16 users p99 missing"]);
  });

  it("matches request types by name", () => {
    const baseline = [makeRun({ types: { browse: 4, checkout: 8 } })];
    const current = [makeRun({ types: { checkout: 9, browse: 4 }, ci95: null })];
    expect(brief(compare(current, baseline, "*/*:p99=5%"))).toEqual(["istio @ 100 rps / checkout p99 fail", "istio @ 100 rps / browse p99 pass"]);
  });

  it("reports baseline runs the results lack as missing and runs without a baseline as new", () => {
    const baseline = [makeRun({ mesh: "istio", rps: 100 }), makeRun({ mesh: "istio", rps: 200 }), makeRun({ mesh: "consul", rps: 100 })];
    const current = [makeRun({ mesh: "istio", rps: 100 }), makeRun({ mesh: "istio", rps: 400 })];
    const rows = compare(current, baseline, "p99=5%");
    expect(brief(rows)).toEqual(["istio @ 100 rps p99 pass", "istio @ 400 rps p99 new", "istio @ 200 rps p99 missing", "consul @ 100 rps p99 missing"]);
    expect(rows[2].message).toBe("the baseline has this run but results.json does not: update the baseline if the scenario changed on purpose");
    expect(rows[1].message).toBe("no run in baseline.json with this mesh, load and request type: nothing to compare");
  });

  it("regression: a mesh that now fails every request fails the default limits, read back from the files", () => {
    const baseline = makeResults([makeRun({ mesh: "none" }), makeRun({ mesh: "istio", failed: 0 })]);
    const current = makeResults([makeRun({ mesh: "none" }), failingRun("istio")]);
    const viaFile = (document: typeof current, file: string) => toResults(JSON.parse(JSON.stringify(document)), file);
    const { rows, summary } = runCheck({
      results: viaFile(current, "results.json"),
      resultsSource: "results.json",
      thresholds: [],
      baseline: { document: viaFile(baseline, "baseline.json"), source: "baseline.json" },
      limits: parseRegressionLimits("p99=5%"),
      allowMissing: false,
    });
    expect(brief(rows)).toEqual(["none @ 100 rps p99 pass", "istio @ 100 rps p99 fail"]);
    expect(rows[1].message).toBe("p99 4.00 ms -> none: no request completed (1000 failed)");
    expect(summary.failing).toBe(true);
  });

  it("a run that completed no request in the baseline and does now is no regression", () => {
    expect(brief(compare([makeRun()], [failingRun("istio")], "p99=5%"))).toEqual(["istio @ 100 rps p99 pass"]);
  });

  it("reports request types missing on either side", () => {
    const rows = compare([makeRun({ types: { browse: 4, search: 2 } })], [makeRun({ types: { browse: 4, checkout: 8 } })], "*/*:p99=5%");
    expect(brief(rows)).toEqual(["istio @ 100 rps / browse p99 pass", "istio @ 100 rps / search p99 new", "istio @ 100 rps / checkout p99 missing"]);
  });

  it("fails the check on missing runs unless they are allowed", () => {
    const input = {
      results: makeResults([makeRun({ rps: 100 })]),
      resultsSource: "results.json",
      thresholds: [],
      baseline: { document: makeResults([makeRun({ rps: 100 }), makeRun({ rps: 200 })]), source: "baseline.json" },
      limits: parseRegressionLimits("p99=5%"),
    };
    expect(runCheck({ ...input, allowMissing: false }).summary).toMatchObject({ missing: 1, failing: true });
    expect(runCheck({ ...input, allowMissing: true }).summary).toMatchObject({ missing: 1, failing: false });
  });

  it("refuses a limit that selects nothing on either side", () => {
    expect(() => compare([makeRun()], [makeRun()], "consul:p99=5%")).toThrow(/^--max-regression "consul:p99=5%" matches no run in results.json nor in baseline.json/);
  });

  it("refuses cost without prices, but the default limits skip it", () => {
    expect(() => compare([makeRun()], [makeRun()], "cost=5%")).toThrow(`--max-regression "cost=5%" needs a monthly cost in results.json and baseline.json`);
    const rows = compareWithBaseline([makeRun()], [makeRun()], parseRegressionLimits("p99=5%,cost=5%"), { ...sources, defaults: true });
    expect(rows.map((row) => row.metric)).toEqual(["p99"]);
  });

  it("compares cost where both have prices", () => {
    expect(brief(compare([makeRun({ cost: 110 })], [makeRun({ cost: 100 })], "cost=5%"))).toEqual(["istio @ 100 rps cost fail"]);
  });
});

describe("compareWithBaseline: noise", () => {
  it("calls a regression inside the baseline's 95% interval noise, not a failure", () => {
    const baseline = [makeRun({ p99: 4, ci95: { p50: null, p99: [3.5, 4.6] } })];
    const current = [makeRun({ p99: 4.4, ci95: { p50: null, p99: [4.3, 4.5] } })];
    const [row] = compare(current, baseline, "p99=5%");
    expect(row.status).toBe("noise");
    expect(row.message).toMatch(/inside the 95% interval of the baseline \[3.5, 4.6\] across replications: noise, not a regression$/);
  });

  it("calls it noise when the baseline value is inside the results' interval", () => {
    const baseline = [makeRun({ p99: 4, ci95: { p50: null, p99: [3.9, 4.1] } })];
    const current = [makeRun({ p99: 4.4, ci95: { p50: null, p99: [3.8, 5] } })];
    expect(compare(current, baseline, "p99=5%")[0].status).toBe("noise");
  });

  it("fails a regression outside both intervals", () => {
    const baseline = [makeRun({ p99: 4, ci95: { p50: null, p99: [3.9, 4.1] } })];
    const current = [makeRun({ p99: 5, ci95: { p50: null, p99: [4.8, 5.2] } })];
    expect(compare(current, baseline, "p99=5%")[0].status).toBe("fail");
  });

  it("fails without intervals: one replication, or a metric the results keep no interval for", () => {
    expect(compare([makeRun({ p99: 4.4, ci95: null })], [makeRun({ p99: 4, ci95: null })], "p99=5%")[0].status).toBe("fail");
    // p90 and vcpu have no interval in the results document, however many replications.
    expect(compare([makeRun({ p50: 1, p99: 4.4 })], [makeRun({ p50: 1, p99: 4 })], "p90=1%")[0].status).toBe("fail");
    expect(compare([makeRun({ vcpu: 0.6 })], [makeRun({ vcpu: 0.5 })], "vcpu=5%")[0].status).toBe("fail");
  });

  it("uses the interval of the request type for request types", () => {
    const baseline = [makeRun({ p99: 4, types: { checkout: 8 } })];
    const current = [makeRun({ p99: 4, types: { checkout: 8.5 } })];
    // The helper's ci95 is ±10% of each p99: 8.5 is inside [7.2, 8.8].
    expect(compare(current, baseline, "*/checkout:p99=5%")[0].status).toBe("noise");
  });

  it("passes a change inside the limit without looking at intervals", () => {
    expect(compare([makeRun({ p99: 4.1, ci95: null })], [makeRun({ p99: 4 })], "p99=5%")[0].status).toBe("pass");
  });
});

describe("baselineNotes", () => {
  it("notes another scenario file, seed or run length", () => {
    const current = makeResults([makeRun()], { seed: 2, sha256: "b".repeat(64) });
    const baseline = makeResults([{ ...makeRun(), replications: 8 }]);
    expect(baselineNotes(current, baseline)).toEqual([
      "the scenario file changed since the baseline (sha256 bbbbbbbbbbbb vs aaaaaaaaaaaa)",
      "the seed differs from the baseline's (2 vs 1): differences include sampling noise",
      "run length differs from the baseline's (10 s x 4 vs 10 s x 8 replications)",
    ]);
    expect(baselineNotes(makeResults([makeRun()]), makeResults([makeRun()]))).toEqual([]);
  });
});
