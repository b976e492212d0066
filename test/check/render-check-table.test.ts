import { describe, expect, it } from "vitest";
import { compareWithBaseline, parseRegressionLimits, renderCheckTable } from "../../src/check/index.js";
import { makeRun } from "./_results.js";

describe("renderCheckTable", () => {
  const baseline = [makeRun({ mesh: "none", p99: 3 }), makeRun({ mesh: "istio", p99: 4, ci95: null }), makeRun({ mesh: "consul", p99: 4 })];
  const current = [makeRun({ mesh: "none", p99: 3 }), makeRun({ mesh: "istio", p99: 5, ci95: null })];
  const rows = compareWithBaseline(current, baseline, parseRegressionLimits("p99=5%"), { currentSource: "results.json", baselineSource: "base.json" });

  it("shows baseline, current, change and limit per check, then why it failed", () => {
    const text = renderCheckTable(rows, { allowMissing: false, notes: ["the seed differs"] });
    const istio = text.split("\n").find((line) => line.includes("istio @ 100 rps"))!;
    expect(istio).toMatch(/FAIL\s+│ p99=5%\s+│ istio @ 100 rps\s+│ p99\s+│\s+4.00 ms │\s+5.00 ms │\s+\+25.00% │ \+5%/);
    expect(text).toContain("failed:\n  istio @ 100 rps: p99 4.00 ms -> 5.00 ms (+25.00%) exceeds +5% (p99=5%)");
    expect(text).toContain("in the baseline but not in the results (fails the check; update the baseline if the scenario changed on purpose):\n  consul @ 100 rps");
    expect(text).toContain("notes:\n  the seed differs");
    expect(text.endsWith("3 checks: 1 passed, 1 failed, 1 missing: FAILED")).toBe(true);
  });

  it("marks allowed missing runs in lower case", () => {
    const text = renderCheckTable(rows.filter((row) => row.status === "missing"), { allowMissing: true });
    expect(text).toMatch(/│ missing │/);
    expect(text.endsWith("1 check: 0 passed, 0 failed, 1 missing: passed")).toBe(true);
  });
});
