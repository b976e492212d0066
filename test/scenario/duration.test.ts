// parseDuration: meshsim's one duration grammar, in the unit asked for, with a bare number only
// where its place states a unit.

import { describe, expect, it } from "vitest";
import { DURATION_PATTERN, parseDuration, type DurationUnit } from "../../src/scenario/index.js";

describe("parseDuration", () => {
  it.each([
    ["30s", "s", undefined, 30],
    ["500ms", "s", undefined, 0.5],
    ["1m30s", "s", undefined, 90],
    ["1h1m1s1ms", "ms", undefined, 3_661_001],
    ["250us", "ms", undefined, 0.25],
    ["250µs", "ms", undefined, 0.25],
    ["1500ns", "us", undefined, 1.5],
    ["0.5h", "s", undefined, 1800],
    [".5s", "ms", undefined, 500],
    ["1 s", "ms", undefined, 1000],
    [" 1m 30s ", "s", undefined, 90],
    ["1e3ms", "s", undefined, 1],
    ["2", "s", "s", 2],
    ["2", "ms", "s", 2000],
    ["1e-1", "ms", "ms", 0.1],
  ] as Array<[string, DurationUnit, DurationUnit | undefined, number]>)("parseDuration(%j, %s, bare %s) is %f", (text, unit, bareUnit, expected) => {
    expect(parseDuration(text, unit, bareUnit)).toBe(expected);
  });

  // Shifting the decimal point instead of multiplying keeps round figures round.
  it.each([["1.1s", 1100], ["0.3s", 300], ["4.35s", 4350]])("parseDuration(%j, ms) is exactly %d", (text, expected) => {
    expect(parseDuration(text, "ms")).toBe(expected);
  });

  it.each([["2"], ["abc"], ["-1s"], ["1x"], ["1m30"], ["s"], [""], ["1.2.3s"]])("parseDuration(%j, s) is undefined (not a duration)", (text) => {
    expect(parseDuration(text, "s")).toBeUndefined();
  });

  it("its JSON Schema pattern accepts what it reads and refuses what it refuses", () => {
    const pattern = new RegExp(DURATION_PATTERN);
    for (const text of ["30s", "1m30s", "250us", "1 s"]) expect(pattern.test(text), text).toBe(true);
    for (const text of ["2", "abc", "-1s", "1m30"]) expect(pattern.test(text), text).toBe(false);
  });
});
