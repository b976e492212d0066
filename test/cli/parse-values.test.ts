// Tests for the flag-value parsers: each bad value fails with one UsageError naming the flag.

import { describe, expect, it } from "vitest";
import { parseList, parseRps } from "../../src/cli/parse-values.js";
import { UsageError } from "../../src/cli/usage-error.js";

describe("parseList", () => {
  it("parseList(words separated by commas) trims them", () => {
    expect(parseList(" istio, linkerd2 ", "--mesh")).toEqual(["istio", "linkerd2"]);
  });

  it.each([
    ["", 'must be values separated by commas, none empty, got ""'],
    ["a,", 'must be values separated by commas, none empty, got "a,"'],
    [" , ", 'must be values separated by commas, none empty, got " , "'],
    ["a,b,a", 'names "a" twice'],
  ])("parseList(%j) refuses it naming the flag", (text, problem) => {
    expect(() => parseList(text, "--mesh")).toThrow(new UsageError(`--mesh ${problem}`));
  });
});

describe("parseRps", () => {
  it.each([
    ["100..300:100", [100, 200, 300]],
    ["300,100", [300, 100]],
  ])("parseRps(%j) is %j, in sweep's syntax (sweep/load-points.ts)", (text, rates) => {
    expect(parseRps(text, "--rps").rates).toEqual(rates);
  });

  it.each([
    ["10,10", 'names 10 twice, got "10,10"'],
    ["10,10.0", 'names 10 twice, got "10,10.0"'],
    ["100..50:10", 'range must be start..end:step with 0 < start <= end and step > 0, got "100..50:10"'],
  ])("parseRps(%j) refuses it naming the flag", (text, problem) => {
    expect(() => parseRps(text, "--rps")).toThrow(new UsageError(`--rps ${problem}`));
  });
});
