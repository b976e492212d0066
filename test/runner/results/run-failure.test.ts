// runFailure: a run fails when it fails more requests than the no-mesh run at its load (by more
// than a tenth of a point), or any without one; failingRuns pairs runs with their baseline.

import { describe, expect, it } from "vitest";
import { describeFailure, failedShare, failingRuns, runFailure, type FailureRun } from "../../../src/runner/index.js";

function run(mesh: string, rps: number, completed: number, failedByReason: Record<string, number> = {}, parameters?: Record<string, unknown>): FailureRun {
  const failed = Object.values(failedByReason).reduce((sum, count) => sum + count, 0);
  return { mesh, rps, requests: { completed, failed, failedByReason }, ...(parameters ? { parameters } : {}) };
}

describe("runFailure", () => {
  it("a run that completed nothing fails, with its reason", () => {
    expect(runFailure(run("osm", 100, 0, { "mtls-plaintext-refused": 400 }), run("none", 100, 400))).toEqual({
      share: 1,
      reasons: [{ reason: "mtls-plaintext-refused", count: 400, share: 1 }],
    });
  });

  it("a run without failures does not fail", () => {
    expect(runFailure(run("istio", 100, 400), run("none", 100, 400))).toBeUndefined();
  });

  it.each([
    [10, 10, false],
    [10, 11, false],
    [10, 13, true],
  ])("with the baseline failing %i of 1000, a run failing %i does not fail: %s", (baselineFailed, runFailed, fails) => {
    const baseline = run("none", 100, 1000 - baselineFailed, { "service-error": baselineFailed });
    const meshed = run("istio", 100, 1000 - runFailed, { "service-error": runFailed });
    expect(runFailure(meshed, baseline) !== undefined).toBe(fails);
  });

  it("without a baseline any failed request fails the run", () => {
    expect(runFailure(run("istio", 100, 999, { timeout: 1 }))?.share).toBe(0.001);
  });
});

describe("failingRuns", () => {
  it("judges each run against the no-mesh run at its load and --set values", () => {
    const runs = [
      run("none", 100, 900, { "service-error": 100 }),
      run("istio", 100, 900, { "service-error": 100 }),
      run("none", 200, 1000),
      run("istio", 200, 900, { "service-error": 100 }),
      run("istio", 100, 900, { "service-error": 100 }, { "services.0.replicas": 2 }),
    ];
    expect([...failingRuns(runs).keys()]).toEqual([runs[3], runs[4]]);
  });
});

describe("describeFailure", () => {
  it.each([
    [{ share: 1, reasons: [{ reason: "mtls-plaintext-refused", count: 9, share: 1 }] }, "every request failed (mtls-plaintext-refused)"],
    [
      { share: 0.0314, reasons: [{ reason: "timeout", count: 28, share: 0.028 }, { reason: "circuit-open", count: 3, share: 0.0034 }] },
      "3.1% of requests failed (timeout 2.8%, circuit-open 0.34%)",
    ],
  ])("describeFailure(%j) is %j", (failure, text) => {
    expect(describeFailure(failure)).toBe(text);
  });

  it("failedShare is failed over all requests, 0 without any", () => {
    expect(failedShare({ completed: 3, failed: 1, failedByReason: {} })).toBe(0.25);
    expect(failedShare({ completed: 0, failed: 0, failedByReason: {} })).toBe(0);
  });
});
