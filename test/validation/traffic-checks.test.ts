import { beforeAll, describe, expect, it } from "vitest";
import { compareFigure, runTrafficChecks, STANDARD_ERRORS, trafficChecks, type ValidationRow } from "../../src/validation/index.js";

/** Small enough for the test suite; the tolerances widen with the smaller size. */
const CALLS_PER_CHECK = 20_000;

describe("runTrafficChecks (the traffic layer against closed-form results)", () => {
  let rows: ValidationRow[] = [];
  beforeAll(async () => {
    rows = await runTrafficChecks({ workers: 1, callsPerCheck: CALLS_PER_CHECK });
  }, 120_000);

  const rowOf = (check: string, metric: string): ValidationRow => {
    const row = rows.find((r) => r.check.startsWith(check) && r.metric === metric);
    if (!row) throw new Error(`no row for ${check} / ${metric}`);
    return row;
  };

  it("reports retries, both splits, the retry budget and the timeout, in that order", () => {
    expect(new Set(rows.map((row) => row.check))).toEqual(new Set(trafficChecks(1, 1).map((check) => check.name)));
    expect(rows.map((row) => `${row.check} / ${row.metric}`)).toEqual([
      "retries: error rate 0.3, 2 retries on 5xx / tries per call",
      "retries: error rate 0.3, 2 retries on 5xx / failed fraction",
      "split 90/10, meshed caller / server-v2 share",
      "split 90/10, unmeshed caller (kube-proxy) / server-v2 share",
      "retry budget 0.2, every try fails / tries per call",
      "timeout 5 ms, constant 20 ms server / timed-out fraction",
      "timeout 5 ms, constant 20 ms server / server visits per call",
    ]);
    expect(rows.every((row) => row.group === "traffic rules")).toBe(true);
  });

  it("every row is within its tolerance", () => {
    for (const row of rows) {
      expect(row.pass, `${row.check} / ${row.metric}: predicted ${row.predicted}, expected ${row.expected}, error ${row.errorPct}% of ±${row.tolerancePct}%`).toBe(true);
    }
  });

  it("expects what theory says", () => {
    expect(rowOf("retries", "tries per call").expected).toBe(1.39);
    expect(rowOf("retries", "failed fraction").expected).toBe(0.027);
    expect(rowOf("split 90/10, meshed", "server-v2 share").expected).toBe(0.1);
    expect(rowOf("split 90/10, unmeshed", "server-v2 share").expected).toBe(0.25);
    expect(rowOf("retry budget", "tries per call").expected).toBe(1.2);
    expect(rowOf("timeout", "timed-out fraction").expected).toBe(1);
    expect(rowOf("timeout", "server visits per call").expected).toBe(1);
  });

  it("states sampled tolerances as standard errors at the size simulated", () => {
    const tries = rowOf("retries", "tries per call");
    expect(tries.basis).toMatch(new RegExp(`^\\(1 - p\\^\\(n\\+1\\)\\) / \\(1 - p\\); ±${STANDARD_ERRORS} standard errors \\(CLT\\) at (19|20),\\d{3} calls$`));
    expect(rowOf("split 90/10, meshed", "server-v2 share").basis).toMatch(/binomial\) at (19|20),\d{3} calls$/);
    // 4 standard deviations of one call's tries (variance 0.4179) over sqrt(calls), relative to 1.39.
    expect(tries.tolerancePct).toBeCloseTo((100 * STANDARD_ERRORS * Math.sqrt(0.4179 / CALLS_PER_CHECK)) / 1.39, 1);
  });

  // What the engine would give with a plausible bug: each wrong answer must fall outside the
  // row's tolerance even at the test's small size, or the row could not catch it.
  it.each([
    ["retries", "tries per call", 1.3, "n tries in all instead of n retries: (1 - p^n) / (1 - p)"],
    ["retries", "failed fraction", 0.09, "n tries in all: p^n"],
    ["split 90/10, meshed", "server-v2 share", 0.25, "weights ignored, pods shared evenly"],
    ["split 90/10, unmeshed", "server-v2 share", 0.1, "the rule applied without a proxy"],
    ["retry budget", "tries per call", 1.25, "retries counted among the budget's requests: 1 / (1 - ratio)"],
    ["retry budget", "tries per call", 4, "no budget: every retry made"],
  ])("%s %s would fail if theory said %s (%s)", (check, metric, wrong) => {
    const row = rowOf(check, metric);
    expect(compareFigure(row, row.predicted, wrong, row.tolerancePct).pass).toBe(false);
  });

  it("every row fails against an expectation shifted past its tolerance", () => {
    for (const row of rows) {
      const shifted = row.expected * (1 + (2 * row.tolerancePct + 0.1) / 100);
      expect(compareFigure(row, row.predicted, shifted, row.tolerancePct).pass, `${row.check} / ${row.metric}`).toBe(false);
    }
  });
});
