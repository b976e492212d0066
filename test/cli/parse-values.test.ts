// Tests for the flag-value parsers: each bad value fails with one UsageError naming the flag.

import { describe, expect, it } from "vitest";
import { parseList, parseRateList } from "../../src/cli/parse-values.js";
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

describe("parseRateList", () => {
  it.each([
    ["10,10", 'names 10 twice, got "10,10"'],
    ["10,10.0", 'names 10 twice, got "10,10.0"'],
  ])("parseRateList(%j) refuses a repeated rate, which would run twice", (text, problem) => {
    expect(() => parseRateList(text, "--rps")).toThrow(new UsageError(`--rps ${problem}`));
  });
});
