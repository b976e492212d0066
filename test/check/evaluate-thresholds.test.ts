import { describe, expect, it } from "vitest";
import { evaluateThresholds, parseThreshold } from "../../src/check/index.js";
import { failingRun, makeRun } from "./_results.js";

const runs = [makeRun({ mesh: "none", p99: 3 }), makeRun({ mesh: "istio", p99: 6, types: { browse: 5, checkout: 9 } })];
const evaluate = (...texts: string[]) => evaluateThresholds(runs, texts.map((text) => parseThreshold(text)), "results.json");

describe("evaluateThresholds", () => {
  it("gives one row per threshold and selected run, failing where the figure breaks the bound", () => {
    const rows = evaluate("p99<5ms");
    expect(rows.map((row) => [row.subject, row.current, row.status])).toEqual([
      ["none @ 100 rps", 3, "pass"],
      ["istio @ 100 rps", 6, "fail"],
    ]);
    expect(rows[1].message).toBe("p99 6.00 ms breaks < 5ms");
    expect(rows[1].limit).toBe("< 5ms");
  });

  it("regression: a run that completed no request fails a latency bound, whichever way it points", () => {
    const bounds = ["p99<5ms", "p99>1ms", "mean<5ms", "max<5ms", "*/*:mean<5ms"].map((text) => parseThreshold(text));
    const rows = evaluateThresholds([failingRun("istio")], bounds, "results.json");
    expect(rows.map((row) => row.status)).toEqual(["fail", "fail", "fail", "fail", "fail"]);
    expect(rows[0].message).toBe("p99 (none: no request completed (1000 failed)) breaks < 5ms");
  });

  it("says when a request type was never sent rather than failed", () => {
    const rare = makeRun({ types: { browse: 4, refund: 4 } });
    rare.byRequestType.refund = { ...rare.byRequestType.refund, requests: { completed: 0, failed: 0, failedByReason: {} } };
    const [row] = evaluateThresholds([rare], [parseThreshold("*/refund:p99<5ms")], "results.json");
    expect(row.status).toBe("fail");
    expect(row.message).toBe("p99 (none: no request was sent (a longer --duration sends some)) breaks < 5ms");
  });

  it("applies per mesh and per request type", () => {
    expect(evaluate("istio/checkout:p99<8ms").map((row) => [row.subject, row.status])).toEqual([["istio @ 100 rps / checkout", "fail"]]);
    expect(evaluate("istio/*:p99<8ms").map((row) => row.status)).toEqual(["pass", "fail"]);
  });

  it("refuses a selection that matches nothing, with a suggestion", () => {
    expect(() => evaluate("itsio:p99<5ms")).toThrow(
      `--threshold "itsio:p99<5ms" matches no run in results.json, did you mean istio? (runs: none @ 100 rps, istio @ 100 rps; request types: browse, checkout)`,
    );
    expect(() => evaluate("*/chekout:p99<5ms")).toThrow(/matches no run in results.json, did you mean checkout\?/);
    expect(() => evaluate("istio@300:p99<5ms")).toThrow(/^--threshold "istio@300:p99<5ms" matches no run in results.json \(runs:/);
  });

  it("refuses cost when the results have no prices", () => {
    expect(() => evaluate("cost<100")).toThrow(`--threshold "cost<100" needs a monthly cost, but results.json has none: give the scenario prices (pricing) to check cost`);
  });

  it("checks cost where there are prices", () => {
    const rows = evaluateThresholds([makeRun({ cost: 120 })], [parseThreshold("cost<100")], "results.json");
    expect(rows[0]).toMatchObject({ status: "fail", unit: "USD", message: "cost 120.00 USD breaks < 100" });
  });
});
