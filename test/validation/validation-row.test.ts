import { describe, expect, it } from "vitest";
import { compareFigure, failsValidation } from "../../src/validation/index.js";

const what = { group: "g", check: "c", metric: "p99", basis: "b" };

describe("compareFigure", () => {
  it.each([
    [101, 100, 1, 1, true],
    [102, 100, 1, 2, false],
    [85, 100, 15, -15, true],
    [84.9, 100, 15, -15.1, false],
  ])("predicted %s vs expected %s within %s%% -> error %s%%, pass %s", (predicted, expected, tolerance, errorPct, pass) => {
    const row = compareFigure(what, predicted, expected, tolerance);
    expect(row.errorPct).toBe(errorPct);
    expect(row.pass).toBe(pass);
  });
});

describe("failsValidation", () => {
  it.each([
    [101, undefined, false],
    [120, undefined, true],
    [120, "a figure of an older release", false],
    [101, "a figure of an older release", false],
  ])("predicted %s vs 100 within 15%%, known miss %j -> fails %s", (predicted, knownMiss, fails) => {
    const row = { ...compareFigure(what, predicted, 100, 15), ...(knownMiss ? { knownMiss } : {}) };
    expect(failsValidation(row)).toBe(fails);
  });
});
