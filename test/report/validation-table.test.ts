import { describe, expect, it } from "vitest";
import { renderValidationTable, type ValidationTableRow } from "../../src/report/index.js";

const row = (check: string, errorPct: number, knownMiss?: string): ValidationTableRow => ({
  group: "calibration X1",
  check,
  metric: "MB",
  predicted: 100 + errorPct,
  expected: 100,
  errorPct,
  tolerancePct: 15,
  pass: Math.abs(errorPct) <= 15,
  ...(knownMiss ? { knownMiss } : {}),
});

describe("renderValidationTable", () => {
  it("renderValidationTable(rows met and failed) ends with the counts and no known misses", () => {
    const text = renderValidationTable([row("a", 1), row("b", -20)]);
    expect(text).toMatch(/\n1 passed, 1 failed$/);
    expect(text).toContain("FAIL");
    expect(text).not.toContain("known miss");
  });

  it("renderValidationTable(a known miss) marks the row, prints its reason and counts it apart from failures", () => {
    const text = renderValidationTable([row("a", 1), row("b", 37, "an older release's figure")]);
    expect(text).toContain("known miss");
    expect(text).not.toContain("FAIL");
    expect(text).toMatch(/\nknown miss: calibration X1, b: an older release's figure\n1 passed, 0 failed, 1 known miss$/);
  });

  it("renderValidationTable(a known miss that now passes) shows it as ok, with no reason", () => {
    const text = renderValidationTable([row("a", 1, "was missed")]);
    expect(text).toMatch(/\n1 passed, 0 failed$/);
    expect(text).not.toContain("was missed");
  });
});
